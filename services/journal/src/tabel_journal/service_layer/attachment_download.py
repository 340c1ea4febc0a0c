"""Downloading a file: its uploader, or whoever may see the homework or submission it belongs
to."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from sqlalchemy.ext.asyncio import AsyncSession

from tabel_journal.adapters import attachment_rows, facts, homework_rows, lesson_context
from tabel_journal.domain.access import Action, Facts, may_on_lesson, may_see_student
from tabel_journal.service_layer.attachment_links import describe
from tabel_journal.service_layer.attachment_upload import store_of
from tabel_journal.service_layer.homework_lookup import audience
from tabel_journal.service_layer.lesson_journal import _person
from tabel_platform.auth.principal import Principal
from tabel_platform.errors import Forbidden, NotFound
from tabel_platform.runtime import Runtime


async def audience_allows(
    s: AsyncSession, *, school_id: UUID, who: Facts, hw: dict[str, Any], students: frozenset[UUID]
) -> bool:
    """A student the homework is for, or their guardian."""
    me = who.person_id
    if "student" in who.roles and me in students:
        return True
    return "guardian" in who.roles and bool(who.children & students)


async def download(
    *, runtime: Runtime, school_id: UUID, principal: Principal, attachment_id: UUID
) -> tuple[dict[str, Any], bytes]:
    person = _person(principal)
    async with runtime.uow(school_id=school_id) as uow:
        s = uow.session
        row = await attachment_rows.attachment(s, school_id=school_id, attachment_id=attachment_id)
        if row is None:
            raise NotFound("journal.attachment_not_found", code="attachment_not_found")
        if row.uploaded_by != person and not await _may_read(
            s, school_id=school_id, person=person, row=row
        ):
            raise Forbidden("journal.attachment_forbidden", code="attachment_forbidden")
    return describe(row), await store_of(runtime).get(row.storage_key)


async def _may_read(s: AsyncSession, *, school_id: UUID, person: UUID, row: Any) -> bool:
    if row.homework_id is None:
        return False
    hw = await homework_rows.homework(s, school_id=school_id, homework_id=row.homework_id)
    if hw is None:
        return False
    ctx = await lesson_context.load(
        s, school_id=school_id, lesson_id=UUID(hw["lesson_id"]), person_id=person
    )
    if ctx is None:
        return False
    student = row.submission_student_id
    who, units = await facts.load(
        s, school_id=school_id, person_id=person, student_id=student, on=ctx.date
    )
    if may_on_lesson(who, ctx.scope, Action.READ):
        return True
    if student is not None:
        return may_see_student(who, student, units.all)
    return await audience_allows(
        s, school_id=school_id, who=who, hw=hw, students=audience(hw, ctx.students)
    )

"""Downloading a file: its uploader and whoever may read the lesson's journal, always; the
students the homework is for and their guardians (or, for a submission's file, those who
may see the student) only while the file is still part of live homework or submission — not
once it was taken off, or the homework withdrawn."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from sqlalchemy.ext.asyncio import AsyncSession

from tabel_journal.adapters import (
    attachment_rows,
    facts,
    homework_rows,
    lesson_context,
    submission_rows,
)
from tabel_journal.adapters.attachment_store import AttachmentMissing
from tabel_journal.domain.access import Action, Facts, may_on_lesson, may_see_student
from tabel_journal.domain.rights import DIARY_READ
from tabel_journal.service_layer.attachment_links import describe
from tabel_journal.service_layer.attachment_upload import store_of
from tabel_journal.service_layer.homework_lookup import audience
from tabel_journal.service_layer.lesson_journal import _person
from tabel_platform.auth.principal import Principal
from tabel_platform.errors import Forbidden, NotFound
from tabel_platform.logging import get_logger
from tabel_platform.runtime import Runtime

log = get_logger(__name__)


def audience_allows(who: Facts, students: frozenset[UUID]) -> bool:
    """A student the homework is for, or their guardian."""
    if not who.may(DIARY_READ):
        return False
    if "student" in who.roles and who.person_id in students:
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
    try:
        data = await store_of(runtime).get(row.storage_key)
    except AttachmentMissing:
        # The row says the bytes exist: the store lost them. Ops must know; the reader gets
        # a 404 they can act on (ask for the file again), not a 500.
        log.error(
            "journal.attachment_missing",
            school_id=str(school_id),
            attachment_id=str(attachment_id),
            storage_key=row.storage_key,
        )
        raise NotFound("journal.attachment_missing", code="attachment_missing") from None
    return describe(row), data


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
        return True  # the lesson's teachers and management: the history shows every file
    if hw["deleted"]:
        return False
    aid = str(row.attachment_id)
    if student is None:
        return aid in hw["attachments"] and audience_allows(who, audience(hw, ctx.students))
    handed_in = await submission_rows.submission(
        s, school_id=school_id, homework_id=row.homework_id, student_id=student
    )
    live = handed_in is not None and aid in handed_in["attachments"]
    return live and may_see_student(who, student, units.all)

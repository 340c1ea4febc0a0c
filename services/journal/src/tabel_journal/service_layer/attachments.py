"""Files of homework and submissions: upload, who may download, linking to what they belong to.

An upload belongs to its uploader until a homework or a submission claims it; from then on
whoever may see that homework or submission may download it.
"""

from __future__ import annotations

import hashlib
import uuid
from datetime import UTC, datetime
from typing import Any
from uuid import UUID

from sqlalchemy.ext.asyncio import AsyncSession

from tabel_journal.adapters import facts, homework_rows, lesson_context
from tabel_journal.adapters.attachment_store import AttachmentStore
from tabel_journal.domain.access import Action, Facts, may_on_lesson, may_see_student
from tabel_journal.service_layer.guards import fail_if
from tabel_journal.service_layer.lesson_journal import _person
from tabel_platform.auth.principal import Principal
from tabel_platform.errors import Forbidden, InvalidInput, NotFound
from tabel_platform.i18n import translate
from tabel_platform.runtime import Runtime


def store_of(runtime: Runtime) -> AttachmentStore:
    store: AttachmentStore = runtime.extras["attachments"]
    return store


def _read(row: Any) -> dict[str, Any]:
    return {
        "id": str(row.attachment_id),
        "filename": row.filename,
        "content_type": row.content_type,
        "size": row.size,
        "sha256": row.sha256,
    }


async def upload(
    *,
    runtime: Runtime,
    school_id: UUID,
    principal: Principal,
    filename: str,
    content_type: str,
    data: bytes,
) -> dict[str, Any]:
    person = _person(principal)
    limit = getattr(runtime.settings, "attachments_max_bytes", 20 * 1024 * 1024)
    if not data:
        raise InvalidInput("journal.attachment_empty", code="attachment_empty")
    if len(data) > limit:
        raise InvalidInput("journal.attachment_too_large", code="attachment_too_large")
    attachment_id = uuid.uuid4()
    row: dict[str, Any] = {
        "school_id": school_id,
        "attachment_id": attachment_id,
        "filename": filename.replace("/", "_").replace("\\", "_")[:200] or "file",
        "content_type": content_type or "application/octet-stream",
        "size": len(data),
        "sha256": hashlib.sha256(data).hexdigest(),
        "storage_key": f"{school_id}/{attachment_id}",
        "uploaded_by": person,
        "uploaded_at": datetime.now(UTC),
    }
    # Bytes first: a crash between the two leaves an unreferenced file, never a row without one.
    await store_of(runtime).put(row["storage_key"], data, row["content_type"])
    async with runtime.uow(school_id=school_id) as uow:
        who, _ = await facts.load(uow.session, school_id=school_id, person_id=person)
        if not (who.roles or who.class_roles):
            raise Forbidden("journal.attachment_forbidden", code="attachment_forbidden")
        await homework_rows.add_attachment(uow.session, row)
    return {
        "id": str(attachment_id),
        "filename": row["filename"],
        "content_type": row["content_type"],
        "size": row["size"],
        "sha256": row["sha256"],
    }


async def claim(
    s: AsyncSession,
    *,
    school_id: UUID,
    person: UUID,
    ids: list[UUID],
    homework_id: UUID,
    student_id: UUID | None,
    field: str,
) -> list[dict[str, Any]]:
    """Checks the uploads are the person's own and free (or already this owner's), links them."""
    rows = {
        r.attachment_id: r for r in await homework_rows.attachments(s, school_id=school_id, ids=ids)
    }
    errors = []
    for i, aid in enumerate(ids):
        r = rows.get(aid)
        mine = r is not None and r.uploaded_by == person
        free = r is not None and (
            r.homework_id is None
            or (r.homework_id == homework_id and r.submission_student_id == student_id)
        )
        if not (mine and free):
            errors.append(
                {
                    "field": f"{field}.{i}",
                    "code": "attachment_not_found",
                    "message": translate("journal.attachment_not_found"),
                }
            )
    fail_if(errors)
    await homework_rows.link_attachments(
        s, school_id=school_id, ids=ids, homework_id=homework_id, student_id=student_id
    )
    return [_read(rows[a]) for a in ids]


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
        row = await homework_rows.attachment(s, school_id=school_id, attachment_id=attachment_id)
        if row is None:
            raise NotFound("journal.attachment_not_found", code="attachment_not_found")
        if row.uploaded_by != person and not await _may_read(
            s, school_id=school_id, person=person, row=row
        ):
            raise Forbidden("journal.attachment_forbidden", code="attachment_forbidden")
    return _read(row), await store_of(runtime).get(row.storage_key)


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


def audience(hw: dict[str, Any], lesson_students: frozenset[UUID]) -> frozenset[UUID]:
    if hw["scope"] == "individual":
        return frozenset(UUID(str(x)) for x in hw["student_ids"])
    return lesson_students

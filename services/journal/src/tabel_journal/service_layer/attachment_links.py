"""Linking uploads to the homework or submission they belong to."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from sqlalchemy.ext.asyncio import AsyncSession

from tabel_journal.adapters import attachment_rows
from tabel_journal.service_layer.guards import fail_if
from tabel_platform.i18n import translate


def describe(row: Any) -> dict[str, Any]:
    return {
        "id": str(row.attachment_id),
        "filename": row.filename,
        "content_type": row.content_type,
        "size": row.size,
        "sha256": row.sha256,
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
        r.attachment_id: r
        for r in await attachment_rows.attachments(s, school_id=school_id, ids=ids)
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
    await attachment_rows.link_attachments(
        s, school_id=school_id, ids=ids, homework_id=homework_id, student_id=student_id
    )
    return [describe(rows[a]) for a in ids]

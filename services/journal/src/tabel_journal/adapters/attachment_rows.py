"""Uploaded files' metadata and what homework or submission they belong to: SQL only (the
bytes are in the attachment store)."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

_INSERT_ATTACHMENT = text("""
INSERT INTO attachments (school_id, attachment_id, filename, content_type, size, sha256,
  storage_key, uploaded_by, uploaded_at)
VALUES (:school_id, :attachment_id, :filename, :content_type, :size, :sha256, :storage_key,
  :uploaded_by, :uploaded_at)
""")
_ATTACHMENT = text("SELECT * FROM attachments WHERE school_id = :s AND attachment_id = :a")
_ATTACHMENTS = text("SELECT * FROM attachments WHERE school_id = :s AND attachment_id = ANY(:ids)")
_LINK = text(
    "UPDATE attachments SET homework_id = :h, submission_student_id = :st "
    "WHERE school_id = :s AND attachment_id = ANY(:ids)"
)


async def add_attachment(session: AsyncSession, row: dict[str, Any]) -> None:
    await session.execute(_INSERT_ATTACHMENT, row)


async def attachment(session: AsyncSession, *, school_id: UUID, attachment_id: UUID) -> Any:
    return (await session.execute(_ATTACHMENT, {"s": school_id, "a": attachment_id})).first()


async def attachments(session: AsyncSession, *, school_id: UUID, ids: list[UUID]) -> list[Any]:
    return list((await session.execute(_ATTACHMENTS, {"s": school_id, "ids": ids})).all())


async def link_attachments(
    session: AsyncSession,
    *,
    school_id: UUID,
    ids: list[UUID],
    homework_id: UUID,
    student_id: UUID | None,
) -> None:
    if ids:
        await session.execute(
            _LINK, {"s": school_id, "ids": ids, "h": homework_id, "st": student_id}
        )

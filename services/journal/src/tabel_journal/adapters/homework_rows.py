"""Homework, submissions with their action log, and attachments: SQL only."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

HOMEWORK_FIELDS = (
    "homework_id",
    "lesson_id",
    "subject_id",
    "assigned_on",
    "due_on",
    "due_lesson_id",
    "text",
    "scope",
    "student_ids",
    "submission_required",
    "attachments",
    "teacher_id",
    "assigned_at",
    "on_time",
    "version",
    "deleted",
)
_COLS = ", ".join(("school_id", *HOMEWORK_FIELDS))
_UPSERT_HOMEWORK = text(
    f"INSERT INTO homework ({_COLS}) VALUES ({', '.join(':' + c for c in _COLS.split(', '))}) "  # noqa: S608
    "ON CONFLICT (school_id, homework_id) DO UPDATE SET "
    + ", ".join(f"{c} = EXCLUDED.{c}" for c in HOMEWORK_FIELDS[1:])
)
_HOMEWORK = text("SELECT to_jsonb(h) FROM homework h WHERE school_id = :s AND homework_id = :h")
_DUE_LESSON = text("SELECT date, subject_id FROM lessons WHERE school_id = :s AND lesson_id = :l")
_SUBMISSION = text(
    "SELECT to_jsonb(x) FROM submissions x "
    "WHERE school_id = :s AND homework_id = :h AND student_id = :st"
)
_UPSERT_SUBMISSION = text("""
INSERT INTO submissions (school_id, homework_id, student_id, submission_id, text, attachments,
  status, submitted_at, checked_at, mark_id, comment)
VALUES (:school_id, :homework_id, :student_id, :submission_id, :text, :attachments, :status,
  :submitted_at, :checked_at, :mark_id, :comment)
ON CONFLICT (school_id, homework_id, student_id) DO UPDATE SET text = EXCLUDED.text,
  attachments = EXCLUDED.attachments, status = EXCLUDED.status,
  submitted_at = EXCLUDED.submitted_at, checked_at = EXCLUDED.checked_at,
  mark_id = EXCLUDED.mark_id, comment = EXCLUDED.comment
""")
_LOG = text(
    "INSERT INTO submission_log (school_id, homework_id, student_id, at, actor, action, note) "
    "VALUES (:s, :h, :st, :at, :actor, :action, :note)"
)
_SUBMISSIONS = text("""
SELECT x.student_id, to_jsonb(x) AS row,
       (SELECT coalesce(jsonb_agg(jsonb_build_object('at', g.at, 'actor', g.actor,
                'action', g.action, 'note', g.note) ORDER BY g.seq), '[]')
          FROM submission_log g WHERE g.school_id = x.school_id
           AND g.homework_id = x.homework_id AND g.student_id = x.student_id) AS log
  FROM submissions x WHERE x.school_id = :s AND x.homework_id = :h
""")
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


async def homework(session: AsyncSession, *, school_id: UUID, homework_id: UUID) -> Any:
    return (await session.execute(_HOMEWORK, {"s": school_id, "h": homework_id})).scalar()


async def save_homework(session: AsyncSession, *, school_id: UUID, row: dict[str, Any]) -> None:
    await session.execute(_UPSERT_HOMEWORK, {"school_id": school_id, **row})


async def lesson_brief(session: AsyncSession, *, school_id: UUID, lesson_id: UUID) -> Any:
    return (await session.execute(_DUE_LESSON, {"s": school_id, "l": lesson_id})).first()


async def submission(
    session: AsyncSession, *, school_id: UUID, homework_id: UUID, student_id: UUID
) -> Any:
    params = {"s": school_id, "h": homework_id, "st": student_id}
    return (await session.execute(_SUBMISSION, params)).scalar()


async def save_submission(session: AsyncSession, *, school_id: UUID, row: dict[str, Any]) -> None:
    await session.execute(_UPSERT_SUBMISSION, {"school_id": school_id, **row})


async def log(
    session: AsyncSession,
    *,
    school_id: UUID,
    homework_id: UUID,
    student_id: UUID,
    at: Any,
    actor: UUID,
    action: str,
    note: str = "",
) -> None:
    await session.execute(
        _LOG,
        {
            "s": school_id,
            "h": homework_id,
            "st": student_id,
            "at": at,
            "actor": actor,
            "action": action,
            "note": note,
        },
    )


async def submissions(session: AsyncSession, *, school_id: UUID, homework_id: UUID) -> list[Any]:
    return list((await session.execute(_SUBMISSIONS, {"s": school_id, "h": homework_id})).all())


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

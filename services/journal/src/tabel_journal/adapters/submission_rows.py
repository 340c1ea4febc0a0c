"""Homework submissions and each student's log of actions on them: SQL only."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

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


async def submission(
    session: AsyncSession, *, school_id: UUID, homework_id: UUID, student_id: UUID
) -> Any:
    params = {"s": school_id, "h": homework_id, "st": student_id}
    return (await session.execute(_SUBMISSION, params)).scalar()


async def save_submission(session: AsyncSession, *, school_id: UUID, row: dict[str, Any]) -> None:
    await session.execute(_UPSERT_SUBMISSION, {"school_id": school_id, **row})


async def record(
    session: AsyncSession,
    *,
    school_id: UUID,
    row: dict[str, Any],
    at: Any,
    actor: UUID,
    action: str,
    note: str = "",
) -> None:
    """The submission as it now stands, and the action in its log (who, when, what)."""
    await save_submission(session, school_id=school_id, row=row)
    await log(
        session, school_id=school_id, homework_id=row["homework_id"],
        student_id=row["student_id"], at=at, actor=actor, action=action, note=note,
    )  # fmt: skip


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

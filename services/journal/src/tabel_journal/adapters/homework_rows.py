"""Homework rows (every version kept by the history, the current one here): SQL only."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from tabel_journal.adapters.write_watch import touch_lessons

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


async def homework(session: AsyncSession, *, school_id: UUID, homework_id: UUID) -> Any:
    return (await session.execute(_HOMEWORK, {"s": school_id, "h": homework_id})).scalar()


async def save_homework(session: AsyncSession, *, school_id: UUID, row: dict[str, Any]) -> None:
    touch_lessons(await session.connection(), [UUID(str(row["lesson_id"]))])
    await session.execute(_UPSERT_HOMEWORK, {"school_id": school_id, **row})


async def lesson_brief(session: AsyncSession, *, school_id: UUID, lesson_id: UUID) -> Any:
    return (await session.execute(_DUE_LESSON, {"s": school_id, "l": lesson_id})).first()

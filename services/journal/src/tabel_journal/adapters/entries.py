"""Marks, attendance and lesson records of a lesson: read together, written in bulk."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

MARK_FIELDS = (
    "mark_id",
    "lesson_id",
    "student_id",
    "subject_id",
    "term_id",
    "date",
    "value",
    "scale",
    "work_type",
    "weight",
    "comment",
    "teacher_id",
    "taught_by",
    "recorded_at",
    "on_time",
    "version",
    "deleted",
)
ATTENDANCE_FIELDS = (
    "lesson_id",
    "student_id",
    "status",
    "late_minutes",
    "reason",
    "recorded_by",
    "recorded_at",
    "on_time",
    "version",
)
RECORD_FIELDS = (
    "lesson_id",
    "topic",
    "work_types",
    "taught_by",
    "version",
    "updated_at",
    "updated_by",
)

_LESSON_STATE = text("""
SELECT 'm' AS k, to_jsonb(m) AS row FROM marks m WHERE m.school_id = :s AND m.lesson_id = :l
UNION ALL
SELECT 'a', to_jsonb(a) FROM attendance a WHERE a.school_id = :s AND a.lesson_id = :l
UNION ALL
SELECT 'r', to_jsonb(r) FROM lesson_records r WHERE r.school_id = :s AND r.lesson_id = :l
UNION ALL
SELECT 'x', jsonb_build_object('mark_id', x.mark_id, 'lesson_id', x.lesson_id)
  FROM marks x WHERE x.school_id = :s AND x.mark_id = ANY(:ids) AND x.lesson_id <> :l
""")


def _upsert_sql(table: str, fields: tuple[str, ...], key: tuple[str, ...]) -> Any:
    cols = ("school_id", *fields)
    updates = ", ".join(f"{c} = EXCLUDED.{c}" for c in fields if c not in key)
    return text(
        f"INSERT INTO {table} ({', '.join(cols)}) VALUES ({', '.join(':' + c for c in cols)}) "  # noqa: S608
        f"ON CONFLICT ({', '.join(('school_id', *key))}) DO UPDATE SET {updates}"
    )


_UPSERT_MARK = _upsert_sql("marks", MARK_FIELDS, ("mark_id",))
_UPSERT_ATTENDANCE = _upsert_sql("attendance", ATTENDANCE_FIELDS, ("lesson_id", "student_id"))
_UPSERT_RECORD = _upsert_sql("lesson_records", RECORD_FIELDS, ("lesson_id",))


_LOCK_LESSON = text("SELECT pg_advisory_xact_lock(hashtextextended(:k, 0))")


async def lock_lesson(session: AsyncSession, *, school_id: UUID, lesson_id: UUID) -> None:
    """Saves of one lesson run one after another (versions in the history stay gapless);
    saves of different lessons never wait for each other."""
    await session.execute(_LOCK_LESSON, {"k": f"{school_id}/{lesson_id}"})


async def lesson_state(
    session: AsyncSession, *, school_id: UUID, lesson_id: UUID, mark_ids: list[UUID]
) -> tuple[dict[str, dict[str, Any]], dict[str, dict[str, Any]], dict[str, Any] | None, set[str]]:
    """(marks by id, attendance by student id, lesson record, ids of marks of other lessons)."""
    marks: dict[str, dict[str, Any]] = {}
    attendance: dict[str, dict[str, Any]] = {}
    record: dict[str, Any] | None = None
    foreign: set[str] = set()
    rows = await session.execute(_LESSON_STATE, {"s": school_id, "l": lesson_id, "ids": mark_ids})
    for kind, row in rows:
        if kind == "m":
            marks[row["mark_id"]] = row
        elif kind == "a":
            attendance[row["student_id"]] = row
        elif kind == "r":
            record = row
        else:
            foreign.add(row["mark_id"])
    return marks, attendance, record, foreign


async def save(
    session: AsyncSession,
    *,
    school_id: UUID,
    marks: list[dict[str, Any]],
    attendance: list[dict[str, Any]],
    record: dict[str, Any] | None,
) -> None:
    if marks:
        await session.execute(_UPSERT_MARK, [{"school_id": school_id, **m} for m in marks])
    if attendance:
        await session.execute(
            _UPSERT_ATTENDANCE, [{"school_id": school_id, **a} for a in attendance]
        )
    if record is not None:
        await session.execute(_UPSERT_RECORD, {"school_id": school_id, **record})

"""Marks, attendance and lesson records of a lesson: read together, written in bulk.

A save is one statement: the rows travel as JSON arrays and PostgreSQL unpacks them
(`jsonb_to_recordset`), upserting marks, attendance and the lesson record and appending
the history in the same round trip. That keeps a class's save to a few round trips and
keeps the per-row work out of Python.
"""

from __future__ import annotations

from typing import Any
from uuid import UUID

import orjson
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from tabel_journal.adapters import history, idempotency
from tabel_journal.adapters.write_watch import touch_lessons

# (column, type) in table order after school_id; the JSON rows carry these keys.
MARK_COLUMNS = (
    ("mark_id", "uuid"),
    ("lesson_id", "uuid"),
    ("student_id", "uuid"),
    ("subject_id", "uuid"),
    ("term_id", "uuid"),
    ("date", "date"),
    ("value", "text"),
    ("scale", "text"),
    ("work_type", "text"),
    ("weight", "int"),
    ("comment", "text"),
    ("teacher_id", "uuid"),
    ("taught_by", "uuid"),
    ("recorded_at", "timestamptz"),
    ("on_time", "boolean"),
    ("version", "int"),
    ("deleted", "boolean"),
)
ATTENDANCE_COLUMNS = (
    ("lesson_id", "uuid"),
    ("student_id", "uuid"),
    ("status", "text"),
    ("late_minutes", "int"),
    ("reason", "text"),
    ("recorded_by", "uuid"),
    ("recorded_at", "timestamptz"),
    ("on_time", "boolean"),
    ("version", "int"),
    ("reason_corrected", "boolean"),  # by the class teacher: a subject teacher's save keeps it
)
RECORD_COLUMNS = (
    ("lesson_id", "uuid"),
    ("topic", "text"),
    ("work_types", "text[]"),
    ("taught_by", "uuid"),
    ("version", "int"),
    ("updated_at", "timestamptz"),
    ("updated_by", "uuid"),
    ("on_time", "boolean"),  # the topic's; NULL: no topic yet, or unknown (before 0009)
    ("attendance_taken_at", "timestamptz"),
    ("attendance_on_time", "boolean"),
    ("plan_item_id", "uuid"),  # the thematic plan's item the lesson covers (0011)
)

_LESSON_STATE = text("""
SELECT jsonb_build_object(
  'marks', (SELECT coalesce(jsonb_agg(to_jsonb(m) - 'school_id'), '[]') FROM marks m
             WHERE m.school_id = :s AND m.lesson_id = :l),
  'attendance', (SELECT coalesce(jsonb_agg(to_jsonb(a) - 'school_id'), '[]') FROM attendance a
                  WHERE a.school_id = :s AND a.lesson_id = :l),
  'record', (SELECT to_jsonb(r) - 'school_id' FROM lesson_records r
              WHERE r.school_id = :s AND r.lesson_id = :l),
  'foreign', (SELECT coalesce(jsonb_agg(x.mark_id), '[]') FROM marks x
               WHERE x.school_id = :s AND x.mark_id = ANY(:ids) AND x.lesson_id <> :l))
""")


def upsert_cte(
    name: str, table: str, columns: tuple[tuple[str, str], ...], key: tuple[str, ...], param: str
) -> str:
    """`name AS (INSERT INTO table ... FROM jsonb_to_recordset(:param) ON CONFLICT ...)`."""
    names = [c for c, _ in columns]
    updates = ", ".join(f"{c} = EXCLUDED.{c}" for c in names if c not in key)
    conflict = "DO NOTHING" if not updates else f"DO UPDATE SET {updates}"
    return (
        f"{name} AS (INSERT INTO {table} (school_id, {', '.join(names)}) "  # noqa: S608 (names from this module)
        f"SELECT :s, {', '.join('r.' + c for c in names)} "
        f"FROM jsonb_to_recordset(CAST(:{param} AS jsonb)) "
        f"AS r({', '.join(f'{c} {t}' for c, t in columns)}) "
        f"ON CONFLICT (school_id, {', '.join(key)}) {conflict} RETURNING 1)"
    )


_WRITES = (
    upsert_cte("m", "marks", MARK_COLUMNS, ("mark_id",), "marks"),
    upsert_cte("a", "attendance", ATTENDANCE_COLUMNS, ("lesson_id", "student_id"), "att"),
    upsert_cte("r", "lesson_records", RECORD_COLUMNS, ("lesson_id",), "records"),
    history.insert_cte("h", "history"),
)
_COUNT = (
    "\nSELECT (SELECT count(*) FROM m) + (SELECT count(*) FROM a) + (SELECT count(*) FROM r)"
    " + (SELECT count(*) FROM h)"
)
_SAVE = text("WITH " + ",\n".join(_WRITES) + _COUNT)
# The same, storing the request's answer under its idempotency key in the same statement.
_SAVE_AND_ANSWER = text(
    "WITH " + ",\n".join((*_WRITES, f"i AS ({idempotency.STORE_SQL} RETURNING 1)")) + _COUNT
)

# Saves of one lesson run one after another (versions in the history stay gapless); saves of
# different lessons never wait for each other. The key goes in `:lock` (`lock_key`).
LOCK_SQL = "pg_advisory_xact_lock(hashtextextended(:lock, 0))"
_LOCK_LESSON = text(f"SELECT {LOCK_SQL}")


def lock_key(school_id: UUID, lesson_id: UUID) -> str:
    return f"{school_id}/{lesson_id}"


async def lock_lesson(session: AsyncSession, *, school_id: UUID, lesson_id: UUID) -> None:
    await session.execute(_LOCK_LESSON, {"lock": lock_key(school_id, lesson_id)})


async def lesson_state(
    session: AsyncSession, *, school_id: UUID, lesson_id: UUID, mark_ids: list[UUID]
) -> tuple[dict[str, dict[str, Any]], dict[str, dict[str, Any]], dict[str, Any] | None, set[str]]:
    """(marks by id, attendance by student id, lesson record, ids of marks of other lessons),
    rows as JSON objects (ids and times as strings)."""
    doc = (
        await session.execute(_LESSON_STATE, {"s": school_id, "l": lesson_id, "ids": mark_ids})
    ).scalar_one()
    return (
        {m["mark_id"]: m for m in doc["marks"]},
        {a["student_id"]: a for a in doc["attendance"]},
        doc["record"],
        set(doc["foreign"]),
    )


def _json(value: Any) -> str:
    return orjson.dumps(value, default=str).decode()


async def save(
    session: AsyncSession,
    *,
    school_id: UUID,
    marks: list[dict[str, Any]],
    attendance: list[dict[str, Any]],
    record: dict[str, Any] | None,
    history_rows: list[dict[str, Any]],
    answer: tuple[str, str, str] | None = None,
) -> int:
    """Write the rows and their history in one statement; returns how many rows it wrote.
    `answer`: (idempotency key, actor, the request's answer as JSON) to store with them."""
    if not (marks or attendance or record or history_rows):
        if answer is not None:
            await session.execute(idempotency.STORE, idempotency.answer_params(school_id, *answer))
        return 0
    params: dict[str, Any] = {
        "s": school_id,
        "marks": _json(marks),
        "att": _json(attendance),
        "records": _json([record] if record else []),
        "history": _json(history_rows),
    }
    if answer is not None:
        params |= idempotency.answer_params(school_id, *answer)
    rows = [*marks, *attendance, *([record] if record else [])]
    touch_lessons(await session.connection(), {UUID(str(row["lesson_id"])) for row in rows})
    written = await session.execute(_SAVE_AND_ANSWER if answer else _SAVE, params)
    return int(written.scalar_one())

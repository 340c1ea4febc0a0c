"""The journal's copies of identity's grants, roster's people and relations and schedule's
lessons, terms and assignments. Writes are upserts keyed by the source's ids, so a replayed
or reordered event leaves the same state."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any
from uuid import UUID

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession


def _upsert(table: str, key: tuple[str, ...], row: dict[str, Any]) -> Any:
    cols = ", ".join(row)
    values = ", ".join(f":{c}" for c in row)
    updates = ", ".join(f"{c} = EXCLUDED.{c}" for c in row if c not in key) or None
    action = f"DO UPDATE SET {updates}" if updates else "DO NOTHING"
    return text(
        f"INSERT INTO {table} ({cols}) VALUES ({values}) "  # noqa: S608 - names are ours
        f"ON CONFLICT ({', '.join(key)}) {action}"
    )


async def upsert(
    session: AsyncSession, table: str, key: tuple[str, ...], row: dict[str, Any]
) -> None:
    await session.execute(_upsert(table, key, row), row)


async def delete(session: AsyncSession, table: str, where: dict[str, Any]) -> None:
    cond = " AND ".join(f"{c} = :{c}" for c in where)
    await session.execute(text(f"DELETE FROM {table} WHERE {cond}"), where)  # noqa: S608


async def save_lesson(session: AsyncSession, row: dict[str, Any]) -> None:
    """A lesson and its per-unit index rows for the diary: a group lesson is its groups'
    only (the rest of the class has another lesson or none then); a class or merged lesson is
    its classes'."""
    await upsert(session, "lessons", ("school_id", "lesson_id"), row)
    await delete(
        session, "lesson_units", {"school_id": row["school_id"], "lesson_id": row["lesson_id"]}
    )
    units = list(row["study_group_ids"] or row["class_ids"])
    if units:
        await session.execute(
            text(
                "INSERT INTO lesson_units (school_id, unit_id, date, lesson_id) "
                "SELECT :school_id, u, :date, :lesson_id FROM unnest(CAST(:units AS uuid[])) u "
                "ON CONFLICT DO NOTHING"
            ),
            {
                "school_id": row["school_id"],
                "date": row["date"],
                "lesson_id": row["lesson_id"],
                "units": units,
            },
        )


async def set_substitute(
    session: AsyncSession, school_id: UUID, lesson_id: UUID, teacher: UUID | None
) -> None:
    """The substitute keeps the lesson's journal from now on (SubstitutionMade). A lesson not
    projected yet is left alone: the LessonChanged schedule emits with it carries the state."""
    await session.execute(
        text(
            "UPDATE lessons SET substitute_teacher_id = :t, changed = true "
            "WHERE school_id = :s AND lesson_id = :l"
        ),
        {"t": teacher, "s": school_id, "l": lesson_id},
    )


async def end_substitute(
    session: AsyncSession, school_id: UUID, lesson_id: UUID, substitute: UUID | None
) -> None:
    """The substitution of `substitute` is over (SubstitutionEnded): the lesson's journal goes
    back to its own teacher. Only that substitute is removed, so an end delivered after the
    next substitution of the lesson (to someone else) does not undo the newer one; `None`
    (an event naming nobody) ends whichever substitution is in force."""
    await session.execute(
        text(
            "UPDATE lessons SET substitute_teacher_id = NULL "
            "WHERE school_id = :s AND lesson_id = :l AND substitute_teacher_id IS NOT NULL "
            "AND (CAST(:t AS uuid) IS NULL OR substitute_teacher_id = CAST(:t AS uuid))"
        ),
        {"t": substitute, "s": school_id, "l": lesson_id},
    )


# A term as schedule's latest event of it says. Schedule never changes a term's kind or grade
# levels and never reopens a term, so an event without them (NULL: unknown) keeps what an
# earlier one said, and an AcademicYearCreated delivered after the TermClosed of one of its
# terms does not reopen it.
_SAVE_TERM = text("""
INSERT INTO terms (school_id, term_id, academic_year_id, number, starts_on, ends_on, closed,
                   kind, grade_levels)
VALUES (:school_id, :term_id, :academic_year_id, :number, :starts_on, :ends_on, :closed,
        :kind, :grade_levels)
ON CONFLICT (school_id, term_id) DO UPDATE SET academic_year_id = EXCLUDED.academic_year_id,
  number = EXCLUDED.number, starts_on = EXCLUDED.starts_on, ends_on = EXCLUDED.ends_on,
  closed = terms.closed OR EXCLUDED.closed, kind = coalesce(EXCLUDED.kind, terms.kind),
  grade_levels = coalesce(EXCLUDED.grade_levels, terms.grade_levels)
""")


async def save_term(
    session: AsyncSession,
    *,
    school_id: UUID,
    term_id: UUID,
    academic_year_id: UUID | None,
    number: int,
    starts_on: date | None,
    ends_on: date | None,
    closed: bool,
    kind: str | None,
    grade_levels: list[int] | None,
) -> None:
    """`kind`: quarter | trimester | half_year; `kind` and `grade_levels` None when unknown."""
    await session.execute(
        _SAVE_TERM,
        {
            "school_id": school_id,
            "term_id": term_id,
            "academic_year_id": academic_year_id,
            "number": number,
            "starts_on": starts_on,
            "ends_on": ends_on,
            "closed": closed,
            "kind": kind,
            "grade_levels": grade_levels,
        },
    )


def lesson_row(
    *,
    school_id: UUID,
    lesson_id: UUID,
    day: date,
    period: int,
    starts_at: datetime | None,
    ends_at: datetime | None,
    subject_id: UUID,
    subject_name: str,
    teacher_id: UUID | None,
    substitute_teacher_id: UUID | None,
    class_ids: list[UUID],
    study_group_ids: list[UUID],
    term_id: UUID | None,
    room_name: str,
    cancelled: bool,
    changed: bool,
) -> dict[str, Any]:
    return {
        "school_id": school_id,
        "lesson_id": lesson_id,
        "date": day,
        "period": period,
        "starts_at": starts_at,
        "ends_at": ends_at,
        "subject_id": subject_id,
        "subject_name": subject_name,
        "teacher_id": teacher_id,
        "substitute_teacher_id": substitute_teacher_id,
        "class_ids": class_ids,
        "study_group_ids": study_group_ids,
        "term_id": term_id,
        "room_name": room_name,
        "cancelled": cancelled,
        "changed": changed,
    }

"""Final marks, the term and class facts they depend on, the marks a suggestion averages and
the history of a student's final marks: SQL only."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

# The named term first, then the other terms of its academic year.
_YEAR_TERMS = text("""
SELECT t.term_id, t.academic_year_id, t.number, t.starts_on, t.ends_on, t.closed, t.kind,
       t.grade_levels
  FROM terms n JOIN terms t ON t.school_id = n.school_id
   AND (t.term_id = n.term_id OR t.academic_year_id = n.academic_year_id)
 WHERE n.school_id = :s AND n.term_id = :t
 ORDER BY t.term_id <> n.term_id
""")
_GRADE = text("SELECT min(grade_level) FROM classes WHERE school_id = :s AND class_id = ANY(:c)")
# Two writers of one slot (a student's mark of a kind in a period) take turns, so the second
# reads what the first wrote instead of inserting a second row or version.
_LOCK_SLOT = text("SELECT pg_advisory_xact_lock(hashtextextended(:slot, 0))")
# A deleted mark stays as a tombstone: its id and versions go on if it is set again.
_CURRENT = text(
    "SELECT to_jsonb(f) FROM final_marks f WHERE school_id = :s AND student_id = :st "
    "AND subject_id = :sub AND kind = :k AND period_id = :p"
)
_UPSERT = text("""
INSERT INTO final_marks (school_id, final_mark_id, student_id, subject_id, kind, period_id, term_id,
  academic_year_id, value, scale, teacher_id, set_as, set_at, version, deleted, on_time)
VALUES (:school_id, :final_mark_id, :student_id, :subject_id, :kind, :period_id, :term_id,
  :academic_year_id, :value, :scale, :teacher_id, :set_as, :set_at, :version, :deleted, :on_time)
ON CONFLICT (school_id, final_mark_id) DO UPDATE SET value = EXCLUDED.value, scale = EXCLUDED.scale,
  term_id = EXCLUDED.term_id, academic_year_id = EXCLUDED.academic_year_id,
  teacher_id = EXCLUDED.teacher_id, set_as = EXCLUDED.set_as, set_at = EXCLUDED.set_at,
  version = EXCLUDED.version, deleted = EXCLUDED.deleted, on_time = EXCLUDED.on_time
""")
# Marks of a cancelled lesson do not count: the lesson did not take place.
_MARKS = text("""
SELECT m.value, m.weight, m.scale FROM marks m
 WHERE m.school_id = :s AND m.student_id = :st AND m.subject_id = :sub AND m.term_id = :t
   AND NOT m.deleted AND NOT EXISTS (SELECT 1 FROM lessons l WHERE l.school_id = m.school_id
                                      AND l.lesson_id = m.lesson_id AND l.cancelled)
""")
# Taught in one of the student's classes or groups, or the student has marks in it.
_SUBJECT_OF_STUDENT = text("""
SELECT EXISTS (SELECT 1 FROM teaching_assignments WHERE school_id = :s AND subject_id = :sub
                AND (class_id = ANY(:units) OR study_group_id = ANY(:units)))
    OR EXISTS (SELECT 1 FROM marks WHERE school_id = :s AND student_id = :st
                AND subject_id = :sub AND NOT deleted)
""")
_HISTORY = text("""
SELECT f.final_mark_id, f.kind, f.period_id, h.version, h.at, h.actor_person_id,
       h.actor_subject, h.action, h.before, h.after, h.reason
  FROM final_marks f
  JOIN history h ON h.school_id = f.school_id AND h.entity = 'final_mark'
   AND h.entity_id = f.final_mark_id::text
 WHERE f.school_id = :s AND f.student_id = :st AND f.subject_id = :sub
 ORDER BY h.at, f.final_mark_id, h.version
""")


async def year_terms(session: AsyncSession, *, school_id: UUID, term_id: UUID) -> list[Any]:
    """The named term (first) and the other terms of its year; empty if it is unknown."""
    return list((await session.execute(_YEAR_TERMS, {"s": school_id, "t": term_id})).all())


async def grade_level(session: AsyncSession, *, school_id: UUID, class_ids: list[UUID]) -> int:
    found = (await session.execute(_GRADE, {"s": school_id, "c": class_ids})).scalar()
    return int(found or 0)


async def current(
    session: AsyncSession,
    *,
    school_id: UUID,
    student_id: UUID,
    subject_id: UUID,
    kind: str,
    period_id: UUID,
) -> Any:
    """The slot's row as JSON (a tombstone too), the slot locked until the transaction ends."""
    slot = f"final_mark/{school_id}/{student_id}/{subject_id}/{kind}/{period_id}"
    await session.execute(_LOCK_SLOT, {"slot": slot})
    params = {"s": school_id, "st": student_id, "sub": subject_id, "k": kind, "p": period_id}
    return (await session.execute(_CURRENT, params)).scalar()


_IDS = (
    "school_id",
    "final_mark_id",
    "student_id",
    "subject_id",
    "period_id",
    "term_id",
    "academic_year_id",
    "teacher_id",
)


def from_json(doc: dict[str, Any]) -> dict[str, Any]:
    """A row as `current` reads it (JSON) in the types `save` writes (set_at stays a string)."""
    return {**doc, **{k: UUID(doc[k]) if doc.get(k) else None for k in _IDS}}


async def save(session: AsyncSession, row: dict[str, Any]) -> None:
    await session.execute(_UPSERT, row)


async def term_marks(
    session: AsyncSession, *, school_id: UUID, student_id: UUID, subject_id: UUID, term_id: UUID
) -> list[Any]:
    params = {"s": school_id, "st": student_id, "sub": subject_id, "t": term_id}
    return list((await session.execute(_MARKS, params)).all())


async def subject_of_student(
    session: AsyncSession,
    *,
    school_id: UUID,
    student_id: UUID,
    subject_id: UUID,
    units: list[UUID],
) -> bool:
    params = {"s": school_id, "st": student_id, "sub": subject_id, "units": units}
    return bool((await session.execute(_SUBJECT_OF_STUDENT, params)).scalar())


async def history(
    session: AsyncSession, *, school_id: UUID, student_id: UUID, subject_id: UUID
) -> list[Any]:
    """Every version of every final mark of the student in the subject, oldest first."""
    params = {"s": school_id, "st": student_id, "sub": subject_id}
    return list((await session.execute(_HISTORY, params)).all())

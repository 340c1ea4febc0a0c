"""The diary's reads of a term: marks by subject and final marks (school_id leads every index)."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

# `lesson_cancelled`: the lesson was cancelled after the mark was given; it counts in nothing.
_TERM_MARKS = text("""
SELECT m.subject_id, max(l.subject_name) AS subject_name, m.scale,
       jsonb_agg(jsonb_build_object('id', m.mark_id, 'date', m.date, 'value', m.value,
                 'work_type', m.work_type, 'weight', m.weight,
                 'lesson_cancelled', coalesce(l.cancelled, false))
                 ORDER BY m.date, m.recorded_at) AS marks
  FROM marks m
  LEFT JOIN lessons l ON l.school_id = m.school_id AND l.lesson_id = m.lesson_id
 WHERE m.school_id = :s AND m.student_id = :student AND m.term_id = :term AND NOT m.deleted
 GROUP BY m.subject_id, m.scale
""")

# The final marks of the term (term, half-year) and of its academic year (year, exam, final),
# with the subject's name from its newest lesson (a subject may have no marks in the term).
_FINALS = text("""
SELECT f.final_mark_id, f.subject_id, f.kind, f.period_id, f.value, f.scale, f.set_as, f.set_at,
       (SELECT l.subject_name FROM lessons l WHERE l.school_id = f.school_id
           AND l.subject_id = f.subject_id ORDER BY l.date DESC LIMIT 1) AS subject_name
  FROM final_marks f
 WHERE f.school_id = :s AND f.student_id = :student AND NOT f.deleted
   AND (f.period_id = :term
        OR (f.kind IN ('year', 'exam', 'final') AND f.period_id = (
            SELECT t.academic_year_id FROM terms t WHERE t.school_id = :s AND t.term_id = :term)))
 ORDER BY f.set_at
""")


async def term_marks(
    session: AsyncSession, *, school_id: UUID, student_id: UUID, term_id: UUID
) -> list[Any]:
    return list(
        (
            await session.execute(
                _TERM_MARKS, {"s": school_id, "student": student_id, "term": term_id}
            )
        ).all()
    )


async def final_marks(
    session: AsyncSession, *, school_id: UUID, student_id: UUID, term_id: UUID
) -> list[Any]:
    params = {"s": school_id, "student": student_id, "term": term_id}
    return list((await session.execute(_FINALS, params)).all())

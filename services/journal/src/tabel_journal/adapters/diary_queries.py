"""The diary's reads of a term: marks by subject and final marks (school_id leads every index)."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

_TERM_MARKS = text("""
SELECT m.subject_id, max(l.subject_name) AS subject_name, m.scale,
       jsonb_agg(jsonb_build_object('id', m.mark_id, 'date', m.date, 'value', m.value,
                 'work_type', m.work_type, 'weight', m.weight)
                 ORDER BY m.date, m.recorded_at) AS marks
  FROM marks m
  LEFT JOIN lessons l ON l.school_id = m.school_id AND l.lesson_id = m.lesson_id
 WHERE m.school_id = :s AND m.student_id = :student AND m.term_id = :term AND NOT m.deleted
 GROUP BY m.subject_id, m.scale
""")

_FINALS = text("""
SELECT final_mark_id, subject_id, kind, period_id, value, scale, set_as, set_at
  FROM final_marks WHERE school_id = :s AND student_id = :student
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


async def final_marks(session: AsyncSession, *, school_id: UUID, student_id: UUID) -> list[Any]:
    return list((await session.execute(_FINALS, {"s": school_id, "student": student_id})).all())

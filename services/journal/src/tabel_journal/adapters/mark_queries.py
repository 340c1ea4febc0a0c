"""Marks by student or class with filters, in pages (for gRPC ListMarks)."""

from __future__ import annotations

from datetime import date
from typing import Any
from uuid import UUID

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

_MARKS = text("""
SELECT m.* FROM marks m
  JOIN lessons l ON l.school_id = m.school_id AND l.lesson_id = m.lesson_id
 WHERE m.school_id = :s AND NOT m.deleted
   AND (CAST(:student AS uuid) IS NULL OR m.student_id = :student)
   AND (CAST(:class AS uuid) IS NULL OR :class = ANY(l.class_ids))
   AND (CAST(:subject AS uuid) IS NULL OR m.subject_id = :subject)
   AND (CAST(:term AS uuid) IS NULL OR m.term_id = :term)
   AND (CAST(:a AS date) IS NULL OR m.date >= :a)
   AND (CAST(:b AS date) IS NULL OR m.date <= :b)
 ORDER BY m.date, m.recorded_at, m.mark_id
 LIMIT :limit OFFSET :offset
""")


async def marks(
    session: AsyncSession,
    *,
    school_id: UUID,
    student_id: UUID | None,
    class_id: UUID | None,
    subject_id: UUID | None,
    term_id: UUID | None,
    start: date | None,
    end: date | None,
    limit: int,
    offset: int,
) -> list[dict[str, Any]]:
    params = {
        "s": school_id,
        "student": student_id,
        "class": class_id,
        "subject": subject_id,
        "term": term_id,
        "a": start,
        "b": end,
        "limit": limit,
        "offset": offset,
    }
    return [dict(r._mapping) for r in await session.execute(_MARKS, params)]

"""Reads of homework for the diary (one student's to-do and done list)."""

from __future__ import annotations

from datetime import date
from typing import Any
from uuid import UUID

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

_STUDENT_HOMEWORK = text("""
SELECT DISTINCT ON (h.homework_id) h.homework_id, h.lesson_id, h.subject_id, l.subject_name,
       h.assigned_on, h.due_on, d.date AS due_lesson_date, h.due_lesson_id, h.text, h.scope,
       h.submission_required, h.attachments, coalesce(x.status, 'assigned') AS status,
       x.submitted_at, x.checked_at, x.mark_id, x.comment, m.value AS mark_value
  FROM lesson_units u
  JOIN homework h ON h.school_id = u.school_id AND h.lesson_id = u.lesson_id
  JOIN lessons l ON l.school_id = h.school_id AND l.lesson_id = h.lesson_id
  LEFT JOIN lessons d ON d.school_id = h.school_id AND d.lesson_id = h.due_lesson_id
  LEFT JOIN submissions x ON x.school_id = h.school_id AND x.homework_id = h.homework_id
       AND x.student_id = :student
  LEFT JOIN marks m ON m.school_id = x.school_id AND m.mark_id = x.mark_id AND NOT m.deleted
 WHERE u.school_id = :s AND u.unit_id = ANY(:units) AND u.date BETWEEN :a AND :b
   AND NOT h.deleted AND (h.scope = 'class_wide' OR :student = ANY(h.student_ids))
 ORDER BY h.homework_id
""")


async def for_student(
    session: AsyncSession,
    *,
    school_id: UUID,
    student_id: UUID,
    units: list[UUID],
    start: date,
    end: date,
) -> list[Any]:
    params = {"s": school_id, "student": student_id, "units": units, "a": start, "b": end}
    return list((await session.execute(_STUDENT_HOMEWORK, params)).all())

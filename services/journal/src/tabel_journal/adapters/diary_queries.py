"""The diary's reads: a student's week and term in one query each (school_id leads every index)."""

from __future__ import annotations

from datetime import date
from typing import Any
from uuid import UUID

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

_WEEK = text("""
WITH ls AS (
  SELECT DISTINCT l.* FROM lesson_units u
    JOIN lessons l ON l.school_id = u.school_id AND l.lesson_id = u.lesson_id
   WHERE u.school_id = :s AND u.unit_id = ANY(:units) AND u.date BETWEEN :a AND :b
)
SELECT ls.lesson_id, ls.date, ls.period, ls.starts_at, ls.ends_at, ls.subject_id, ls.subject_name,
       ls.cancelled, ls.changed, ls.room_name,
       coalesce(ls.substitute_teacher_id, ls.teacher_id) AS teacher_id,
       concat_ws(' ', p.last_name, p.first_name, p.middle_name) AS teacher_name,
       r.topic, r.work_types,
       a.status AS attendance, a.late_minutes, a.reason AS absence_reason,
       (SELECT coalesce(jsonb_agg(jsonb_build_object('id', m.mark_id, 'value', m.value,
                'work_type', m.work_type, 'weight', m.weight, 'comment', m.comment)
                ORDER BY m.recorded_at), '[]') FROM marks m
         WHERE m.school_id = :s AND m.lesson_id = ls.lesson_id AND m.student_id = :student
           AND NOT m.deleted) AS marks,
       (SELECT coalesce(jsonb_agg(jsonb_build_object('id', h.homework_id, 'text', h.text,
                'due_on', h.due_on, 'scope', h.scope, 'attachments', h.attachments)), '[]')
          FROM homework h WHERE h.school_id = :s AND h.lesson_id = ls.lesson_id AND NOT h.deleted
           AND (h.scope = 'class_wide' OR :student = ANY(h.student_ids))) AS homework_assigned
  FROM ls
  LEFT JOIN people p ON p.school_id = ls.school_id
       AND p.person_id = coalesce(ls.substitute_teacher_id, ls.teacher_id)
  LEFT JOIN lesson_records r ON r.school_id = ls.school_id AND r.lesson_id = ls.lesson_id
  LEFT JOIN attendance a ON a.school_id = ls.school_id AND a.lesson_id = ls.lesson_id
       AND a.student_id = :student
 ORDER BY ls.date, ls.period
""")

_TERM_MARKS = text("""
SELECT m.subject_id, max(l.subject_name) AS subject_name, m.scale,
       jsonb_agg(jsonb_build_object('id', m.mark_id, 'date', m.date, 'value', m.value,
                 'work_type', m.work_type, 'weight', m.weight) ORDER BY m.date, m.recorded_at) AS marks
  FROM marks m
  LEFT JOIN lessons l ON l.school_id = m.school_id AND l.lesson_id = m.lesson_id
 WHERE m.school_id = :s AND m.student_id = :student AND m.term_id = :term AND NOT m.deleted
 GROUP BY m.subject_id, m.scale
""")

_FINALS = text("""
SELECT final_mark_id, subject_id, kind, period_id, value, scale, set_as, set_at
  FROM final_marks WHERE school_id = :s AND student_id = :student
""")


async def week(
    session: AsyncSession,
    *,
    school_id: UUID,
    student_id: UUID,
    units: list[UUID],
    start: date,
    end: date,
) -> list[Any]:
    params = {"s": school_id, "student": student_id, "units": units, "a": start, "b": end}
    return list((await session.execute(_WEEK, params)).all())


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

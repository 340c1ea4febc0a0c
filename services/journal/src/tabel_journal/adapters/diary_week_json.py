"""The diary's week as one JSON document built by PostgreSQL: the busiest read of the
platform skips building and serialising Python objects row by row (bench/journal/run.py)."""

from __future__ import annotations

from datetime import date
from uuid import UUID

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

_WEEK_JSON = text("""
WITH ls AS MATERIALIZED (
  SELECT DISTINCT l.* FROM lesson_units u
    JOIN lessons l ON l.school_id = u.school_id AND l.lesson_id = u.lesson_id
   WHERE u.school_id = :s AND u.unit_id = ANY(:units) AND u.date BETWEEN :a AND :b
), items AS MATERIALIZED (
  SELECT ls.date, ls.period, jsonb_build_object(
    'lesson_id', ls.lesson_id, 'period', ls.period,
    'starts_at', to_char(ls.starts_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"+00:00"'),
    'ends_at', to_char(ls.ends_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"+00:00"'),
    'subject_id', ls.subject_id, 'subject_name', ls.subject_name,
    'teacher_name', concat_ws(' ', p.last_name, p.first_name, p.middle_name),
    'teacher', jsonb_build_object('last_name', coalesce(p.last_name, ''),
        'first_name', coalesce(p.first_name, ''), 'middle_name', coalesce(p.middle_name, '')),
    'room', ls.room_name, 'cancelled', ls.cancelled, 'changed', ls.changed,
    'topic', coalesce(r.topic, ''), 'work_types', coalesce(to_jsonb(r.work_types), '[]'),
    'attendance', a.status, 'late_minutes', coalesce(a.late_minutes, 0),
    'absence_reason', coalesce(a.reason, ''),
    'marks', (SELECT coalesce(jsonb_agg(jsonb_build_object('id', m.mark_id, 'value', m.value,
                'work_type', m.work_type, 'weight', m.weight, 'comment', m.comment)
                ORDER BY m.recorded_at), '[]') FROM marks m
               WHERE m.school_id = :s AND m.lesson_id = ls.lesson_id
                 AND m.student_id = :student AND NOT m.deleted),
    'homework_assigned', (SELECT coalesce(jsonb_agg(jsonb_build_object('id', h.homework_id,
                'text', h.text, 'due_on', h.due_on, 'scope', h.scope,
                'attachments', h.attachments)), '[]')
               FROM homework h WHERE h.school_id = :s AND h.lesson_id = ls.lesson_id
                AND NOT h.deleted
                AND (h.scope = 'class_wide' OR :student = ANY(h.student_ids)))) AS item
    FROM ls
    LEFT JOIN people p ON p.school_id = ls.school_id
         AND p.person_id = coalesce(ls.substitute_teacher_id, ls.teacher_id)
    LEFT JOIN lesson_records r ON r.school_id = ls.school_id AND r.lesson_id = ls.lesson_id
    LEFT JOIN attendance a ON a.school_id = ls.school_id AND a.lesson_id = ls.lesson_id
         AND a.student_id = :student
)
SELECT jsonb_build_object('student_id', CAST(:student AS text), 'week_start', CAST(:a AS date),
  'days', (SELECT jsonb_agg(jsonb_build_object('date', d.day, 'lessons',
      coalesce((SELECT jsonb_agg(i.item ORDER BY i.period) FROM items i WHERE i.date = d.day),
               '[]')) ORDER BY d.day)
    FROM (SELECT CAST(g AS date) AS day
            FROM generate_series(CAST(:a AS date), CAST(:b AS date), interval '1 day') g) d)
)::text
""")


async def week_json(
    session: AsyncSession,
    *,
    school_id: UUID,
    student_id: UUID,
    units: list[UUID],
    start: date,
    end: date,
) -> str:
    params = {"s": school_id, "student": student_id, "units": units, "a": start, "b": end}
    return str((await session.execute(_WEEK_JSON, params)).scalar_one())

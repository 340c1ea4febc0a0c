"""A school year of journal data written with SQL (seconds, not minutes): lessons of 5А of
demo school 1 in eight subjects taught by the demo teacher, plus other classes' lessons and
marks so the tables and indexes have a real school's size."""

from __future__ import annotations

from datetime import date

from sqlalchemy import text

from tabel_journal import demo
from tabel_platform.db.database import Database

SUBJECTS = [demo.demo_id(f"school/1/subject/bench/{i}") for i in range(8)]
NAMES = ["Русский язык", "Литература", "Математика", "История", "Биология", "География",
         "Английский язык", "Музыка"]  # fmt: skip

_CLASSES = """INSERT INTO classes (school_id, class_id, name, grade_level)
SELECT :s, md5(CAST(:st AS text) || '/class/' || n)::uuid, 'К' || n, 5 + n % 6
  FROM generate_series(1, :k) n
ON CONFLICT DO NOTHING"""
_MEMBERS = """INSERT INTO memberships (school_id, membership_id, person_id, class_id, starts_on)
SELECT :s, md5(CAST(:st AS text) || '/m/' || c || '/' || i)::uuid,
       md5(CAST(:st AS text) || '/p/' || c || '/' || i)::uuid,
       md5(CAST(:st AS text) || '/class/' || c)::uuid, :a
  FROM generate_series(1, :k) c, generate_series(1, 25) i ON CONFLICT DO NOTHING"""
_LESSONS = """INSERT INTO lessons (school_id, lesson_id, date, period, starts_at, ends_at,
  subject_id,
  subject_name, teacher_id, class_ids, term_id)
SELECT :s, md5(CAST(:st AS text) || '/l/' || c.id || '/' || d::date || '/' || p)::uuid,
       d::date, p,
       d + make_interval(hours => 5 + p), d + make_interval(hours => 5 + p, mins => 45),
       (CAST(:subjects AS uuid[]))[1 + (p + extract(dow FROM d)::int) % 8],
       (CAST(:names AS text[]))[1 + (p + extract(dow FROM d)::int) % 8], :t, ARRAY[c.id], :term
  FROM generate_series(CAST(:a AS timestamptz), CAST(:b AS timestamptz), interval '1 day') d,
       generate_series(1, 6) p,
       (SELECT CAST(:class AS uuid) AS id UNION ALL
        SELECT md5(CAST(:st AS text) || '/class/' || n)::uuid FROM generate_series(1, :k) n) c
 WHERE extract(isodow FROM d) < 6 AND p <> 2 ON CONFLICT DO NOTHING"""
_UNITS = """INSERT INTO lesson_units (school_id, unit_id, date, lesson_id)
SELECT school_id, class_ids[1], date, lesson_id FROM lessons WHERE school_id = :s
ON CONFLICT DO NOTHING"""
_ASSIGN = """INSERT INTO teaching_assignments (school_id, assignment_id, teacher_id, subject_id,
  class_id) SELECT :s, md5(CAST(:st AS text) || '/a/' || x::text)::uuid, :t, x, :class
  FROM unnest(CAST(:subjects AS uuid[])) x
ON CONFLICT DO NOTHING"""
_MARKS = """INSERT INTO marks (school_id, mark_id, lesson_id, student_id, subject_id, term_id, date,
  value, scale, work_type, weight, teacher_id, taught_by, recorded_at, on_time, version)
SELECT l.school_id, md5(l.lesson_id::text || m.person_id::text)::uuid, l.lesson_id, m.person_id,
       l.subject_id, l.term_id, l.date, (2 + floor(random() * 4))::int::text, 'five_point',
       'oral', 1, l.teacher_id, l.teacher_id, l.ends_at, true, 1
  FROM lessons l JOIN memberships m ON m.school_id = l.school_id AND m.class_id = l.class_ids[1]
 WHERE l.school_id = :s AND random() < 0.3 AND l.date < current_date ON CONFLICT DO NOTHING"""
_HOMEWORK = """INSERT INTO homework (school_id, homework_id, lesson_id, subject_id, assigned_on,
  text, scope, submission_required, teacher_id, assigned_at, on_time, version)
SELECT school_id, md5('hw' || lesson_id::text)::uuid, lesson_id, subject_id, date,
       'Параграф ' || period || ', задачи 1–5', 'class_wide', false, teacher_id, ends_at, true, 1
  FROM lessons WHERE school_id = :s AND period % 2 = 1 ON CONFLICT DO NOTHING"""


async def seed_year(database_url: str, *, other_classes: int) -> int:
    """Returns how many lessons 5А has in the year."""
    today = date.today()
    start = date(today.year if today.month >= 9 else today.year - 1, 9, 1)
    params = {
        "s": demo.SCHOOL,
        "st": f"{demo.SCHOOL}",
        "k": other_classes,
        "a": start,
        "b": date(start.year + 1, 5, 31),
        "t": demo.TEACHER,
        "class": demo.CLASS,
        "term": demo.OWN_TERM,
        "subjects": SUBJECTS,
        "names": NAMES,
    }
    db = Database(database_url, pool_size=2)
    try:
        for sql in (_CLASSES, _MEMBERS, _LESSONS, _UNITS, _ASSIGN, _MARKS, _HOMEWORK):
            async with db.transaction(school_id=demo.SCHOOL) as s:
                await s.execute(text(sql), params)
        async with db.transaction(school_id=demo.SCHOOL) as s:
            await s.execute(text("ANALYZE"))
            found = await s.execute(
                text("SELECT count(*) FROM lessons WHERE school_id = :s AND :c = ANY(class_ids)"),
                {"s": demo.SCHOOL, "c": demo.CLASS},
            )
            return int(found.scalar_one())
    finally:
        await db.dispose()

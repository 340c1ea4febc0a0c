"""Reads for the school's reports: periods, attendance, marks, final marks, lessons."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any
from uuid import UUID

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from tabel_reporting.adapters.school_queries import TERM_KINDS, ClassInfo, person_name, term_info


@dataclass(frozen=True)
class Period:
    name: str
    since: date | None
    until: date | None
    term_ids: list[UUID]
    academic_year_id: UUID | None
    is_year: bool


async def term_period(session: AsyncSession, term_id: UUID) -> Period | None:
    term = await term_info(session, term_id)
    if term is None:
        return None
    return Period(term.name, term.starts_on, term.ends_on, [term_id], term.academic_year_id, False)


async def year_period(session: AsyncSession, year_id: UUID, grade_level: int) -> Period | None:
    year = (
        await session.execute(
            text("SELECT * FROM academic_years WHERE academic_year_id = :y"), {"y": year_id}
        )
    ).first()
    if year is None:
        return None
    terms = await session.execute(
        text(
            "SELECT term_id FROM terms WHERE academic_year_id = :y AND "
            "(cardinality(grade_levels) = 0 OR :g = ANY(grade_levels)) ORDER BY number"
        ),
        {"y": year_id, "g": grade_level},
    )
    name = f"{year.name} учебный год"
    return Period(name, year.starts_on, year.ends_on, list(terms.scalars()), year_id, True)


async def term_numbers(session: AsyncSession, term_ids: list[UUID]) -> dict[UUID, str]:
    """Short names of terms for column heads: "1-я четверть"."""
    rows = await session.execute(
        text("SELECT term_id, kind, number FROM terms WHERE term_id = ANY(:t)"), {"t": term_ids}
    )
    return {r.term_id: TERM_KINDS.get(r.kind, "Период {n}").format(n=r.number) for r in rows}


_IN_PERIOD = """(CAST(:since AS date) IS NULL OR {col} >= :since)
    AND (CAST(:until AS date) IS NULL OR {col} <= :until)"""


async def attendance(
    session: AsyncSession, students: list[UUID], since: date | None, until: date | None
) -> list[Any]:
    return list(
        await session.execute(
            text(
                "SELECT student_id, subject_id, lesson_id, date, status, late_minutes, note "
                "FROM attendance WHERE student_id = ANY(:s) AND status > 1 AND "
                + _IN_PERIOD.format(col="date")
                + " ORDER BY date, lesson_id"
            ),
            {"s": students, "since": since, "until": until},
        )
    )


_MARKS = text(
    "SELECT student_id, subject_id, lesson_id, date, value, weight, work_type, term_id "  # noqa: S608
    f"FROM marks WHERE student_id = ANY(:s) AND NOT deleted AND {_IN_PERIOD.format(col='date')} "
    "ORDER BY date, recorded_at NULLS FIRST, mark_id"
)


async def marks(
    session: AsyncSession, students: list[UUID], since: date | None, until: date | None
) -> list[Any]:
    params = {"s": students, "since": since, "until": until}
    return list(await session.execute(_MARKS, params))


async def final_marks(
    session: AsyncSession, students: list[UUID], period_ids: list[UUID]
) -> list[Any]:
    return list(
        await session.execute(
            text(
                "SELECT student_id, subject_id, kind, period_id, value FROM final_marks "
                "WHERE student_id = ANY(:s) AND period_id = ANY(:p)"
            ),
            {"s": students, "p": period_ids},
        )
    )


_LESSONS = text(
    "SELECT l.lesson_id, l.date, l.period, l.subject_id, l.subject_name, "  # noqa: S608
    "coalesce(r.topic, '') AS topic, "
    "(SELECT string_agg(h.text, '; ' ORDER BY h.homework_id) FROM homework h "
    " WHERE h.lesson_id = l.lesson_id) AS homework "
    "FROM lessons l LEFT JOIN lesson_records r USING (lesson_id) "
    f"WHERE :c = ANY(l.class_ids) AND NOT l.cancelled AND {_IN_PERIOD.format(col='l.date')} "
    "ORDER BY l.date, l.period, l.lesson_id"
)


async def class_lessons(
    session: AsyncSession, class_id: UUID, since: date | None, until: date | None
) -> list[Any]:
    """Held lessons of the class with the journal's topic and the homework given."""
    params = {"c": class_id, "since": since, "until": until}
    return list(await session.execute(_LESSONS, params))


async def student_class(session: AsyncSession, student_id: UUID) -> ClassInfo | None:
    """The student's class now (the membership that started last)."""
    row = (
        await session.execute(
            text(
                "SELECT c.class_id, c.school_id, c.name, c.grade_level, c.academic_year_start, "
                "c.class_teacher_id FROM memberships m JOIN classes c USING (class_id) "
                "WHERE m.person_id = :p ORDER BY c.academic_year_start DESC, "
                "m.starts_on DESC NULLS LAST, m.membership_id LIMIT 1"
            ),
            {"p": student_id},
        )
    ).first()
    return ClassInfo(**row._mapping) if row else None


async def names(session: AsyncSession, ids: set[UUID]) -> dict[UUID, str]:
    rows = await session.execute(
        text(
            "SELECT person_id, last_name, first_name, middle_name FROM people "
            "WHERE person_id = ANY(:ids)"
        ),
        {"ids": list(ids)},
    )
    found = {r.person_id: person_name(r) for r in rows}
    return {i: found.get(i) or person_name(type("P", (), {"person_id": i})()) for i in ids}


# Reporting does not project the schools' time zones: a final mark's month is that of the
# day it was set in the journal's default zone (a mark set after midnight there on the 1st
# counts in the new month, as the teacher saw it).
FINAL_MARK_TIME_ZONE = "Europe/Moscow"
_MONTH = "date_trunc('month', {col})::date"


# A class's share of the entries: marks, final marks and attendance of students who were in the
# class on the entry's day (a student who moved counts in the class they were in then);
# homework, topics and taking attendance of lessons whose class_ids contain the class.
_CLASS_STUDENT = """(CAST(:c AS uuid) IS NULL OR EXISTS (SELECT 1 FROM memberships m
    WHERE m.class_id = :c AND m.person_id = {student}
      AND (m.starts_on IS NULL OR m.starts_on <= {day})
      AND (m.ends_on IS NULL OR m.ends_on >= {day})))"""
_CLASS_LESSON = """(CAST(:c AS uuid) IS NULL OR EXISTS (SELECT 1 FROM lessons cl
    WHERE cl.lesson_id = {lesson} AND :c = ANY(cl.class_ids)))"""


async def timeliness(
    session: AsyncSession,
    school_id: UUID,
    since: date | None,
    until: date | None,
    *,
    class_id: UUID | None = None,
) -> list[Any]:
    """Per teacher, month and kind: entries on time, late and never made (the journal's
    on_time; NULL is unknown and counted nowhere). With `class_id`, only the class's entries.

    `attendance_taken`: held lessons (not cancelled), stamped when attendance was taken; a
    lesson before today with neither the stamp nor any attendance row was never taken. One
    with rows but no stamp (streams from before the stamp) is unknown. Its teacher: who kept
    the record, else the substitute, else the lesson's teacher."""
    set_on = f"(set_at AT TIME ZONE '{FINAL_MARK_TIME_ZONE}')::date"
    period = {c: _IN_PERIOD.format(col=c) for c in ("date", "assigned_on", "l.date", set_on)}
    month = {c: _MONTH.format(col=c) for c in ("date", "assigned_on", "l.date", set_on)}
    days = {"marks": "marks.date", "attendance": "attendance.date", "final_marks": set_on}
    student = {t: _CLASS_STUDENT.format(student=f"{t}.student_id", day=d) for t, d in days.items()}
    lesson = {
        t: _CLASS_LESSON.format(lesson=f"{t}.lesson_id") for t in ("homework", "lesson_records")
    }
    return list(
        await session.execute(
            text(
                f"""SELECT teacher_id, month, kind,
                    count(*) FILTER (WHERE on_time) AS on_time,
                    count(*) FILTER (WHERE NOT on_time) AS late,
                    count(*) FILTER (WHERE never) AS never FROM (
                  SELECT teacher_id, {month["date"]} AS month, 'marks' AS kind,
                         on_time, false AS never FROM marks
                  WHERE school_id = :s AND NOT deleted AND {period["date"]}
                    AND {student["marks"]}
                  UNION ALL
                  SELECT recorded_by, {month["date"]}, 'attendance', on_time, false
                  FROM attendance WHERE school_id = :s AND {period["date"]}
                    AND {student["attendance"]}
                  UNION ALL
                  SELECT teacher_id, {month["assigned_on"]}, 'homework', on_time, false
                  FROM homework WHERE school_id = :s AND {period["assigned_on"]}
                    AND {lesson["homework"]}
                  UNION ALL
                  SELECT teacher_id, {month["date"]}, 'topics', on_time, false
                  FROM lesson_records
                  WHERE school_id = :s AND on_time IS NOT NULL AND {period["date"]}
                    AND {lesson["lesson_records"]}
                  UNION ALL
                  SELECT coalesce(r.teacher_id, l.substitute_teacher_id, l.teacher_id),
                         {month["l.date"]}, 'attendance_taken', r.attendance_on_time,
                         r.attendance_taken_at IS NULL AND NOT EXISTS (
                           SELECT 1 FROM attendance a WHERE a.lesson_id = l.lesson_id)
                  FROM lessons l LEFT JOIN lesson_records r USING (lesson_id)
                  WHERE l.school_id = :s AND NOT l.cancelled AND {period["l.date"]}
                    AND (r.attendance_taken_at IS NOT NULL OR l.date < current_date)
                    AND (CAST(:c AS uuid) IS NULL OR :c = ANY(l.class_ids))
                  UNION ALL
                  SELECT teacher_id, {month[set_on]}, 'final_marks', on_time, false
                  FROM final_marks
                  WHERE school_id = :s AND on_time IS NOT NULL AND {period[set_on]}
                    AND {student["final_marks"]}
                ) entries WHERE teacher_id IS NOT NULL AND month IS NOT NULL
                GROUP BY teacher_id, month, kind"""  # noqa: S608 - constants of this module
            ),
            {"s": school_id, "since": since, "until": until, "c": class_id},
        )
    )

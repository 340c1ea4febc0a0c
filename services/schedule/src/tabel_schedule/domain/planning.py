"""Materialising the timetable into the dated lessons of a span of days."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, datetime, timedelta
from uuid import UUID
from zoneinfo import ZoneInfo

from tabel_schedule.domain.bells import BellBook
from tabel_schedule.domain.calendar import AcademicYear
from tabel_schedule.domain.lessons import Lesson, lesson_id
from tabel_schedule.domain.timetable import Entry


def plan_lessons(
    *,
    year: AcademicYear,
    entries: Iterable[Entry],
    grade_of: Mapping[UUID, int],
    bells: BellBook,
    start: date,
    end: date,
) -> list[Lesson]:
    """The lessons of `entries` from `start` to `end`: only on days of a term of the class's
    grade level, never on holidays; times from the bells of that day (shortened days too)."""
    zone = ZoneInfo(year.time_zone)
    start, end = max(start, year.starts_on), min(end, year.ends_on)
    out: list[Lesson] = []
    for entry in entries:
        grades = [grade_of[c] for c in entry.class_ids if c in grade_of]
        if not grades:  # classes are checked when entries are added; never guess a term
            continue
        grade = min(grades)
        first = max(start, entry.valid_from)
        first += timedelta(days=(entry.weekday - first.isoweekday()) % 7)
        day = first
        while day <= min(end, entry.valid_to):
            term = year.term_for(grade, day)
            if term and entry.occurs_on(day, year.starts_on) and not year.is_holiday(grade, day):
                period = bells.times(day, entry.shift, entry.period)
                starts, ends = (
                    (period.starts, period.ends) if period else (entry.starts, entry.ends)
                )
                out.append(
                    Lesson(
                        id=lesson_id(entry.id, day),
                        school_id=year.school_id,
                        day=day,
                        period=entry.period,
                        starts_at=datetime.combine(day, starts, tzinfo=zone),
                        ends_at=datetime.combine(day, ends, tzinfo=zone),
                        subject_id=entry.subject_id,
                        teacher_id=entry.teacher_id,
                        class_ids=tuple(sorted(entry.class_ids)),
                        study_group_ids=tuple(sorted(entry.study_group_ids)),
                        room_id=entry.room_id,
                        term_id=term.id,
                        teaching_assignment_id=entry.teaching_assignment_id,
                        timetable_entry_id=entry.id,
                    )
                )
            day += timedelta(days=7)
    return out

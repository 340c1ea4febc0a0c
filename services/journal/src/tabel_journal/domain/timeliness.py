"""Whether an entry met the seeds' deadlines, decided when it is first entered (for reports).

- attendance: on the lesson's day (seed 002 2.5, seed 003 II.3.4);
- marks: by the next lesson of the subject for the class, or within a week for written
  work (seed 002 2.6, seed 003 II.3.6);
- homework: within the school's minutes (120 by default) after the teacher's last lesson
  of the day (seed 003 II.3.5);
- lesson topics: on the lesson's day (seed 004 3.2.3), as attendance;
- final marks: by the last day of their period, before the holidays (seed 002 2.6).
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo


def local_day(at: datetime, time_zone: str) -> date:
    return at.astimezone(ZoneInfo(time_zone)).date()


def attendance_on_time(*, lesson_date: date, recorded_at: datetime, time_zone: str) -> bool:
    return local_day(recorded_at, time_zone) <= lesson_date


def mark_on_time(
    *,
    lesson_date: date,
    recorded_at: datetime,
    time_zone: str,
    written: bool,
    next_lesson_date: date | None,
    written_days: int = 7,
) -> bool:
    day = local_day(recorded_at, time_zone)
    if written:
        return day <= lesson_date + timedelta(days=written_days)
    deadline = next_lesson_date or lesson_date + timedelta(days=written_days)
    return day <= deadline


def homework_on_time(
    *,
    teacher_day_ends_at: datetime | None,
    lesson_date: date,
    recorded_at: datetime,
    time_zone: str,
    minutes: int,
) -> bool:
    if teacher_day_ends_at is None:
        return local_day(recorded_at, time_zone) <= lesson_date
    return recorded_at <= teacher_day_ends_at + timedelta(minutes=minutes)


def final_mark_on_time(
    *, period_ends_on: date | None, set_at: datetime, time_zone: str
) -> bool | None:
    """None when the period's last day is unknown (a term projected without its dates)."""
    if period_ends_on is None:
        return None
    return local_day(set_at, time_zone) <= period_ends_on

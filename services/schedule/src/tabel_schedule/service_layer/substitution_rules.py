"""Checks and bookkeeping shared by the substitution use cases."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any
from uuid import UUID
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncSession

from tabel_platform.errors import InvalidInput, NotFound
from tabel_schedule.adapters import bells_repo, calendar_repo, places_repo, projections_repo
from tabel_schedule.domain.lessons import PLANNED_FIELDS, Lesson

KIND_NAMES = {"teacher": "учитель", "room": "кабинет", "class": "класс", "student": "ученики"}


def snapshot(lesson: Lesson) -> dict[str, Any]:
    return {
        "day": lesson.day.isoformat(),
        "period": lesson.period,
        "teacher_id": str(lesson.teacher_id),
        "substitute_teacher_id": str(lesson.substitute_teacher_id or ""),
        "room_id": str(lesson.room_id or ""),
        "status": lesson.status,
    }


def changed_fields(before: Lesson, after: Lesson) -> list[str]:
    names = ("day", *PLANNED_FIELDS)
    return [f for f in names if getattr(before, f) != getattr(after, f)]


async def require_room(session: AsyncSession, room_id: UUID) -> None:
    if await places_repo.get(session, places_repo.rooms, room_id) is None:
        raise NotFound("schedule.room_not_found", code="room_not_found")


async def slot_times(
    session: AsyncSession, lesson: Lesson, day: date, shift: int, period: int
) -> tuple[datetime, datetime, UUID | None]:
    """Start, end and term of `period` of `shift` on `day` (its shortened bells if any)."""
    year = await calendar_repo.containing(session, day)
    if year is None:
        raise InvalidInput("schedule.year_not_found", code="outside_academic_year")
    times = (await bells_repo.book(session)).times(day, shift, period)
    if times is None:
        raise InvalidInput("schedule.no_bells", code="no_bells", shift=shift, period=period)
    grades = await projections_repo.grade_levels(session)
    grade = min((grades[c] for c in lesson.class_ids if c in grades), default=0)
    term = year.term_for(grade, day)
    zone = ZoneInfo(year.time_zone)
    return (
        datetime.combine(day, times.starts, tzinfo=zone),
        datetime.combine(day, times.ends, tzinfo=zone),
        term.id if term else lesson.term_id,
    )

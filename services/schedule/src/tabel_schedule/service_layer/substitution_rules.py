"""Checks and bookkeeping shared by the substitution use cases."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any
from uuid import UUID
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncSession

from tabel_platform.errors import Conflict, InvalidInput, NotFound
from tabel_schedule.adapters import (
    bells_repo,
    calendar_repo,
    lessons_repo,
    places_repo,
    projections_repo,
    substitutions_repo,
)
from tabel_schedule.domain.lessons import PLANNED_FIELDS, Lesson, lesson_collisions

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


async def refuse_closed_term(session: AsyncSession, term_id: UUID | None) -> None:
    """A lesson of a closed term is locked: no substitution touches it or moves into it."""
    found = await calendar_repo.term(session, term_id) if term_id else None
    if found is not None and found[0].closed:
        raise Conflict("schedule.term_closed", code="term_closed")


async def load_open_lesson(session: AsyncSession, lesson_id: UUID) -> Lesson:
    lesson = await lessons_repo.get(session, lesson_id, lock=True)
    if lesson is None:
        raise NotFound("schedule.lesson_not_found", code="lesson_not_found")
    if lesson.cancelled:
        raise Conflict("schedule.lesson_cancelled", code="lesson_cancelled")
    await refuse_closed_term(session, lesson.term_id)
    return lesson


async def refuse_collisions(session: AsyncSession, lesson: Lesson) -> None:
    others = await lessons_repo.overlapping(
        session, lesson.starts_at, lesson.ends_at, exclude=lesson.id
    )
    units = {u for x in [lesson, *others] for u in (x.study_group_ids or x.class_ids)}
    students = await projections_repo.students_of(session, units, lesson.day, lesson.day)
    found = lesson_collisions(lesson, others, students)
    if found:
        what = ", ".join(sorted({KIND_NAMES[f["code"]] for f in found}))
        raise Conflict("schedule.lesson_conflict", code="lesson_conflict", errors=found, what=what)


async def record(
    session: AsyncSession, kind: str, before: Lesson, after: Lesson, reason: str
) -> UUID:
    substitution_id = uuid.uuid4()
    await substitutions_repo.add(
        session,
        id=substitution_id,
        school_id=before.school_id,
        lesson_id=before.id,
        kind=kind,
        before=snapshot(before),
        after=snapshot(after),
        reason=reason,
    )
    return substitution_id

"""Dated lessons."""

from __future__ import annotations

from dataclasses import asdict
from datetime import date, datetime
from typing import Any
from uuid import UUID

from sqlalchemy import and_, delete, insert, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from tabel_schedule.adapters.tables import lessons
from tabel_schedule.domain.lessons import LESSON_FIELDS, Lesson

_COLUMNS = [c for c in LESSON_FIELDS if c != "school_id"]


def _row(lesson: Lesson) -> dict[str, Any]:
    values = asdict(lesson)
    values["class_ids"] = list(lesson.class_ids)
    values["study_group_ids"] = list(lesson.study_group_ids)
    values["changes"] = list(lesson.changes)
    return values


def lesson_of(row: Any) -> Lesson:
    values = {c: getattr(row, c) for c in LESSON_FIELDS}
    for name in ("class_ids", "study_group_ids", "changes"):
        values[name] = tuple(values[name] or ())
    return Lesson(**values)


async def add_many(session: AsyncSession, items: list[Lesson]) -> None:
    for start in range(0, len(items), 5000):
        await session.execute(insert(lessons), [_row(x) for x in items[start : start + 5000]])


async def save(session: AsyncSession, lesson: Lesson) -> None:
    values = _row(lesson)
    values.pop("id")
    await session.execute(update(lessons).where(lessons.c.id == lesson.id).values(**values))


async def remove_many(session: AsyncSession, ids: list[UUID]) -> None:
    for start in range(0, len(ids), 5000):  # a statement takes at most 32767 parameters
        chunk = ids[start : start + 5000]
        await session.execute(delete(lessons).where(lessons.c.id.in_(chunk)))


async def get(session: AsyncSession, lesson_id: UUID, *, lock: bool = False) -> Lesson | None:
    query = select(lessons).where(lessons.c.id == lesson_id)
    row = (await session.execute(query.with_for_update() if lock else query)).first()
    return lesson_of(row) if row else None


async def from_timetable(session: AsyncSession, start: date, end: date) -> list[Lesson]:
    query = select(lessons).where(
        lessons.c.timetable_entry_id.is_not(None), lessons.c.day.between(start, end)
    )
    return [lesson_of(r) for r in await session.execute(query)]


async def in_range(
    session: AsyncSession,
    start: date,
    end: date,
    *,
    class_ids: set[UUID] | None = None,
    group_ids: set[UUID] | None = None,
    teacher_id: UUID | None = None,
    room_id: UUID | None = None,
    include_cancelled: bool = True,
) -> list[Lesson]:
    """Lessons of a class (whole-class, its groups' and merged ones), of a student's classes
    and groups, of a teacher (incl. substituted), or of a room, ordered by time."""
    who = []
    if class_ids:
        who.append(lessons.c.class_ids.overlap(list(class_ids)))
    if group_ids is not None and class_ids is not None:
        # A student: whole-class lessons of their classes, group lessons of their groups.
        who = [
            and_(lessons.c.study_group_ids == [], lessons.c.class_ids.overlap(list(class_ids))),
            lessons.c.study_group_ids.overlap(list(group_ids) or [UUID(int=0)]),
        ]
    if teacher_id:
        who += [lessons.c.teacher_id == teacher_id, lessons.c.substitute_teacher_id == teacher_id]
    if room_id:
        who.append(lessons.c.room_id == room_id)
    if not who:
        return []
    query = select(lessons).where(lessons.c.day.between(start, end), or_(*who))
    if not include_cancelled:
        query = query.where(lessons.c.status != "cancelled")
    rows = await session.execute(query.order_by(lessons.c.starts_at, lessons.c.period))
    return [lesson_of(r) for r in rows]


async def overlapping(
    session: AsyncSession, starts_at: datetime, ends_at: datetime, *, exclude: UUID
) -> list[Lesson]:
    query = select(lessons).where(
        lessons.c.starts_at < ends_at,
        lessons.c.ends_at > starts_at,
        lessons.c.status != "cancelled",
        lessons.c.id != exclude,
    )
    return [lesson_of(r) for r in await session.execute(query)]

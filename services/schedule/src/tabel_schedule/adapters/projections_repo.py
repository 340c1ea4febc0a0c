"""Local slices of others' data: roster's classes, groups and memberships; the journal's
"this lesson has entries" facts."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import date
from typing import Any
from uuid import UUID

from sqlalchemy import or_, select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from tabel_schedule.adapters.projection_tables import (
    classes,
    lessons_with_entries,
    memberships,
    study_groups,
)
from tabel_schedule.adapters.tables import lessons


async def upsert(session: AsyncSession, table: Any, **values: Any) -> None:
    statement = insert(table).values(**values)
    changes = {k: v for k, v in values.items() if k not in ("id", "school_id")}
    await session.execute(statement.on_conflict_do_update(index_elements=["id"], set_=changes))


async def mark_lesson_has_entries(session: AsyncSession, school_id: UUID, lesson_id: UUID) -> None:
    statement = insert(lessons_with_entries).values(school_id=school_id, lesson_id=lesson_id)
    await session.execute(statement.on_conflict_do_nothing())


async def lessons_with_entries_between(session: AsyncSession, start: date, end: date) -> set[UUID]:
    """Lessons dated in [start, end] the journal has entries for."""
    query = (
        select(lessons_with_entries.c.lesson_id)
        .join(lessons, lessons.c.id == lessons_with_entries.c.lesson_id)
        .where(lessons.c.day.between(start, end))
    )
    return set((await session.execute(query)).scalars())


async def grade_levels(session: AsyncSession) -> dict[UUID, int]:
    rows = await session.execute(select(classes.c.id, classes.c.grade_level))
    return {r.id: r.grade_level for r in rows}


async def class_names(session: AsyncSession) -> dict[UUID, str]:
    return {r.id: r.name for r in await session.execute(select(classes.c.id, classes.c.name))}


async def groups(session: AsyncSession, ids: Iterable[UUID]) -> dict[UUID, UUID]:
    """Study group id → its class id, for the given groups that are known."""
    query = select(study_groups.c.id, study_groups.c.class_id)
    rows = await session.execute(query.where(study_groups.c.id.in_(list(ids))))
    return {r.id: r.class_id for r in rows}


async def students_of(
    session: AsyncSession, units: Iterable[UUID], start: date, end: date
) -> dict[UUID, frozenset[UUID]]:
    """Members of each class or study group at some time between `start` and `end`."""
    wanted = list(units)
    query = select(memberships).where(
        or_(memberships.c.class_id.in_(wanted), memberships.c.study_group_id.in_(wanted)),
        or_(memberships.c.starts_on.is_(None), memberships.c.starts_on <= end),
        or_(memberships.c.ends_on.is_(None), memberships.c.ends_on >= start),
    )
    out: dict[UUID, set[UUID]] = defaultdict(set)
    for row in await session.execute(query):
        out[row.study_group_id or row.class_id].add(row.person_id)
    return {unit: frozenset(people) for unit, people in out.items()}


async def units_of_student(
    session: AsyncSession, person_id: UUID, start: date, end: date
) -> tuple[set[UUID], set[UUID]]:
    """The classes and study groups a student belongs to at some time in [start, end]."""
    query = select(memberships).where(
        memberships.c.person_id == person_id,
        or_(memberships.c.starts_on.is_(None), memberships.c.starts_on <= end),
        or_(memberships.c.ends_on.is_(None), memberships.c.ends_on >= start),
    )
    class_ids: set[UUID] = set()
    group_ids: set[UUID] = set()
    for row in await session.execute(query):
        if row.study_group_id:
            group_ids.add(row.study_group_id)
        elif row.class_id:
            class_ids.add(row.class_id)
    return class_ids, group_ids

"""Loading and saving classes, study groups, memberships and the class-teacher history."""

from __future__ import annotations

from dataclasses import asdict
from datetime import date
from typing import Any
from uuid import UUID

from sqlalchemy import and_, insert, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from tabel_roster.adapters.tables import (
    class_teacher_history,
    classes,
    memberships,
    study_groups,
)
from tabel_roster.domain.classes import Membership, SchoolClass, StudyGroup


def _class(row: Any) -> SchoolClass:
    return SchoolClass(
        id=row.id,
        school_id=row.school_id,
        academic_year_start=row.academic_year_start,
        grade_level=row.grade_level,
        letter=row.letter,
        class_teacher_id=row.class_teacher_id,
    )


async def add_class(session: AsyncSession, c: SchoolClass) -> None:
    await session.execute(insert(classes).values(**asdict(c)))


async def get_class(
    session: AsyncSession, class_id: UUID, *, lock: bool = False
) -> SchoolClass | None:
    query = select(classes).where(classes.c.id == class_id)
    row = (await session.execute(query.with_for_update() if lock else query)).first()
    return _class(row) if row else None


async def find_class(
    session: AsyncSession, *, year: int, grade: int, letter: str
) -> SchoolClass | None:
    query = select(classes).where(
        classes.c.academic_year_start == year,
        classes.c.grade_level == grade,
        classes.c.letter == letter,
    )
    row = (await session.execute(query)).first()
    return _class(row) if row else None


async def list_classes(
    session: AsyncSession, *, year: int | None, grade: int | None
) -> list[SchoolClass]:
    query = select(classes).order_by(
        classes.c.academic_year_start, classes.c.grade_level, classes.c.letter
    )
    if year:
        query = query.where(classes.c.academic_year_start == year)
    if grade:
        query = query.where(classes.c.grade_level == grade)
    return [_class(r) for r in await session.execute(query)]


async def set_class_teacher(
    session: AsyncSession, c: SchoolClass, teacher_id: UUID | None, starts_on: date
) -> None:
    await session.execute(
        update(classes).where(classes.c.id == c.id).values(class_teacher_id=teacher_id)
    )
    await session.execute(
        insert(class_teacher_history).values(
            school_id=c.school_id, class_id=c.id, teacher_id=teacher_id, starts_on=starts_on
        )
    )


async def add_group(session: AsyncSession, g: StudyGroup) -> None:
    await session.execute(insert(study_groups).values(**asdict(g)))


async def get_group(session: AsyncSession, group_id: UUID) -> StudyGroup | None:
    row = (await session.execute(select(study_groups).where(study_groups.c.id == group_id))).first()
    if row is None:
        return None
    return StudyGroup(row.id, row.school_id, row.academic_year_start, row.name, row.class_id)


async def list_groups(session: AsyncSession, *, year: int | None) -> list[StudyGroup]:
    query = select(study_groups).order_by(study_groups.c.name)
    if year:
        query = query.where(study_groups.c.academic_year_start == year)
    return [
        StudyGroup(r.id, r.school_id, r.academic_year_start, r.name, r.class_id)
        for r in await session.execute(query)
    ]


def _membership(row: Any) -> Membership:
    return Membership(
        id=row.id,
        school_id=row.school_id,
        person_id=row.person_id,
        starts_on=row.starts_on,
        class_id=row.class_id,
        study_group_id=row.study_group_id,
        ends_on=row.ends_on,
    )


async def add_membership(session: AsyncSession, m: Membership) -> None:
    await add_memberships(session, [m])


async def add_memberships(session: AsyncSession, items: list[Membership]) -> None:
    if items:
        await session.execute(insert(memberships), [asdict(m) for m in items])


async def end_membership(session: AsyncSession, m: Membership) -> None:
    await session.execute(
        update(memberships).where(memberships.c.id == m.id).values(ends_on=m.ends_on)
    )


def _covering(day: date) -> Any:
    return and_(
        memberships.c.starts_on <= day,
        or_(memberships.c.ends_on.is_(None), memberships.c.ends_on >= day),
    )


async def memberships_on(
    session: AsyncSession,
    day: date,
    *,
    person_id: UUID | None = None,
    class_id: UUID | None = None,
    group_id: UUID | None = None,
    classes_only: bool = False,
) -> list[Membership]:
    query = select(memberships).where(_covering(day)).order_by(memberships.c.starts_on)
    if person_id:
        query = query.where(memberships.c.person_id == person_id)
    if class_id:
        query = query.where(memberships.c.class_id == class_id)
    if group_id:
        query = query.where(memberships.c.study_group_id == group_id)
    if classes_only:
        query = query.where(memberships.c.class_id.is_not(None))
    return [_membership(r) for r in await session.execute(query)]


async def memberships_from(session: AsyncSession, person_id: UUID, day: date) -> list[Membership]:
    """The person's memberships still running on or starting after `day`."""
    query = select(memberships).where(
        memberships.c.person_id == person_id,
        or_(memberships.c.ends_on.is_(None), memberships.c.ends_on >= day),
    )
    return [_membership(r) for r in await session.execute(query)]


async def class_history(session: AsyncSession, *, class_id: UUID) -> list[Membership]:
    query = select(memberships).where(memberships.c.class_id == class_id)
    return [_membership(r) for r in await session.execute(query.order_by(memberships.c.starts_on))]


async def person_history(session: AsyncSession, person_id: UUID) -> list[Membership]:
    query = select(memberships).where(memberships.c.person_id == person_id)
    return [_membership(r) for r in await session.execute(query.order_by(memberships.c.starts_on))]


async def get_membership(
    session: AsyncSession, membership_id: UUID, *, lock: bool = False
) -> Membership | None:
    query = select(memberships).where(memberships.c.id == membership_id)
    row = (await session.execute(query.with_for_update() if lock else query)).first()
    return _membership(row) if row else None


async def class_teachers_of(session: AsyncSession, class_id: UUID) -> list[Any]:
    query = select(class_teacher_history).where(class_teacher_history.c.class_id == class_id)
    order = (class_teacher_history.c.starts_on, class_teacher_history.c.id)
    return list(await session.execute(query.order_by(*order)))

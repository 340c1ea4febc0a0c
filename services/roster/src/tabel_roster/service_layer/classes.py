"""Use cases on classes and their class teachers (with the history of who led a class)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date
from typing import Any
from uuid import UUID

from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from tabel.roster.v1 import events_pb2
from tabel_platform.errors import Conflict, InvalidInput, NotFound
from tabel_platform.events.envelope import Actor
from tabel_platform.runtime import Runtime
from tabel_roster.adapters import classes_repo, people_repo, schools_repo
from tabel_roster.domain.classes import (
    InvalidClass,
    Membership,
    SchoolClass,
    normalize_letter,
)
from tabel_roster.domain.events import (
    class_message,
    date_message,
)
from tabel_roster.domain.people import Person, PersonKind
from tabel_roster.service_layer.emit import Emit


@dataclass(frozen=True)
class CreateClass:
    school_id: UUID
    academic_year_start: int
    grade_level: int
    letter: str
    class_teacher_id: UUID | None = None
    class_id: UUID | None = None


async def create_class(*, runtime: Runtime, command: CreateClass, actor: Actor) -> SchoolClass:
    async with runtime.uow(school_id=command.school_id, actor=actor) as uow:
        return await add_class(uow.session, uow.emit, command, starts_on=date.today())


async def add_class(
    session: AsyncSession, emit: Emit, command: CreateClass, *, starts_on: date
) -> SchoolClass:
    """Create a class inside an open unit of work (used by promotion and import too)."""
    school = await schools_repo.get(session, command.school_id)
    if school is None:
        raise NotFound("roster.school_not_found", code="school_not_found")
    try:
        c = SchoolClass(
            id=command.class_id or uuid.uuid4(),
            school_id=command.school_id,
            academic_year_start=command.academic_year_start,
            grade_level=command.grade_level,
            letter=normalize_letter(command.letter),
        )
        c.check(school.grade_levels)
    except InvalidClass as exc:
        raise InvalidInput(
            "roster.invalid_class",
            code="invalid_class",
            errors=[{"field": exc.field, "code": "invalid"}],
        ) from exc
    if await classes_repo.find_class(
        session, year=c.academic_year_start, grade=c.grade_level, letter=c.letter
    ):
        raise Conflict("roster.class_exists", code="class_exists", name=c.name)
    try:
        async with session.begin_nested():  # a concurrent twin → 409, not 500
            await classes_repo.add_class(session, c)
    except IntegrityError as exc:
        raise Conflict("roster.class_exists", code="class_exists", name=c.name) from exc
    emit(events_pb2.ClassCreated(school_class=class_message(c)))
    if command.class_teacher_id:
        await assign_in(session, emit, c, command.class_teacher_id, starts_on)
    return c


async def assign_class_teacher(
    *,
    runtime: Runtime,
    school_id: UUID,
    class_id: UUID,
    teacher_id: UUID | None,
    starts_on: date,
    actor: Actor,
) -> SchoolClass:
    async with runtime.uow(school_id=school_id, actor=actor) as uow:
        c = await load_class(uow.session, class_id, lock=True)
        await assign_in(uow.session, uow.emit, c, teacher_id, starts_on)
        c.class_teacher_id = teacher_id
        return c


async def assign_in(
    session: AsyncSession, emit: Emit, c: SchoolClass, teacher_id: UUID | None, starts_on: date
) -> None:
    if teacher_id is not None:
        teacher = await people_repo.get(session, teacher_id)
        if teacher is None or PersonKind.STAFF not in teacher.kinds:
            raise InvalidInput("roster.class_teacher_not_staff", code="class_teacher_not_staff")
    previous = c.class_teacher_id
    await classes_repo.set_class_teacher(session, c, teacher_id, starts_on)
    emit(
        events_pb2.ClassTeacherAssigned(
            school_id=str(c.school_id),
            class_id=str(c.id),
            teacher_id=str(teacher_id) if teacher_id else "",
            previous_teacher_id=str(previous) if previous else "",
            starts_on=date_message(starts_on),
        )
    )
    c.class_teacher_id = teacher_id


async def load_class(session: AsyncSession, class_id: UUID, *, lock: bool = False) -> SchoolClass:
    c = await classes_repo.get_class(session, class_id, lock=lock)
    if c is None:
        raise NotFound("roster.class_not_found", code="class_not_found")
    return c


async def list_classes(
    *, runtime: Runtime, school_id: UUID, year: int | None, grade: int | None
) -> list[SchoolClass]:
    async with runtime.uow(school_id=school_id) as uow:
        return await classes_repo.list_classes(uow.session, year=year, grade=grade)


async def class_members(
    *, runtime: Runtime, school_id: UUID, class_id: UUID, on: date
) -> list[tuple[Person, Membership]]:
    """Who is in the class on a date (a transferred student is in the old class's history)."""
    async with runtime.uow(school_id=school_id) as uow:
        await load_class(uow.session, class_id)
        members = await classes_repo.memberships_on(uow.session, on, class_id=class_id)
        people = await people_repo.get_many(uow.session, [m.person_id for m in members])
    pairs = [(people[m.person_id], m) for m in members if m.person_id in people]
    return sorted(pairs, key=lambda pm: (pm[0].last_name, pm[0].first_name, pm[0].middle_name))


async def class_teachers(*, runtime: Runtime, school_id: UUID, class_id: UUID) -> list[Any]:
    """Who led the class from which date, oldest first (each until the next one starts)."""
    async with runtime.uow(school_id=school_id) as uow:
        await load_class(uow.session, class_id)
        return await classes_repo.class_teachers_of(uow.session, class_id)

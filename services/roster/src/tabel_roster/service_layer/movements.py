"""Enrolment movements: admission, transfer, withdrawal, and the whole school's year-end
promotion in one transaction (seed 004, 3.2.2). Each is kept as history and published.

Membership dates are inclusive; a movement effective on day D ends the old membership on
D-1 and starts the new one on D, so "the class on a date" always has one answer.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date, timedelta
from uuid import UUID

from sqlalchemy.ext.asyncio import AsyncSession

from tabel.roster.v1 import events_pb2
from tabel_platform.errors import Conflict, InvalidInput, NotFound
from tabel_platform.events.envelope import Actor
from tabel_platform.runtime import Runtime
from tabel_roster.adapters import classes_repo, movements_repo, people_repo
from tabel_roster.domain.classes import Membership, SchoolClass
from tabel_roster.domain.events import enrolment_moved, membership_message
from tabel_roster.domain.movements import Movement, MovementKind
from tabel_roster.domain.people import PersonKind
from tabel_roster.service_layer.classes import load_class
from tabel_roster.service_layer.emit import Emit


@dataclass(frozen=True)
class MoveStudent:
    """Admission (no from), transfer (class to class) or withdrawal (no to)."""

    school_id: UUID
    student_id: UUID
    kind: MovementKind
    effective_on: date
    to_class_id: UUID | None = None
    order_number: str = ""
    reason: str = ""
    counterpart_school: str = ""


async def move_student(*, runtime: Runtime, command: MoveStudent, actor: Actor) -> Movement:
    if command.kind == MovementKind.PROMOTION:
        raise InvalidInput("roster.promotion_is_school_wide", code="promotion_is_school_wide")
    async with runtime.uow(school_id=command.school_id, actor=actor) as uow:
        student = await people_repo.get(uow.session, command.student_id, lock=True)
        if student is None or PersonKind.STUDENT not in student.kinds:
            raise NotFound("roster.student_not_found", code="student_not_found")
        day = command.effective_on
        running = await classes_repo.memberships_from(uow.session, student.id, day)
        in_class = [m for m in running if m.class_id]
        target = await load_class(uow.session, command.to_class_id) if command.to_class_id else None
        if command.kind == MovementKind.ADMISSION:
            if in_class:
                raise Conflict("roster.already_enrolled", code="already_enrolled")
            from_class = None
        else:
            current = [m for m in in_class if m.covers(day)]
            if not current:
                raise Conflict("roster.not_enrolled", code="not_enrolled")
            from_class = current[0].class_id
            if target and target.id == from_class:
                raise InvalidInput("roster.same_class", code="same_class")
            if any(m.starts_on >= day for m in running):
                raise InvalidInput("roster.movement_before_start", code="movement_before_start")
            for m in running:  # the class and its groups (a withdrawal ends everything)
                await end_membership(uow.session, uow.emit, m, day)
        if command.kind != MovementKind.WITHDRAWAL:
            if target is None:
                raise InvalidInput(
                    "field.required",
                    code="invalid_input",
                    errors=[{"field": "to_class_id", "code": "required"}],
                )
            _check_year(target, day)
            await start_membership(uow.session, uow.emit, student.id, target, day)
        movement = Movement(
            id=uuid.uuid4(),
            school_id=command.school_id,
            student_id=student.id,
            kind=command.kind,
            effective_on=day,
            from_class_id=from_class,
            to_class_id=target.id if target and command.kind != MovementKind.WITHDRAWAL else None,
            order_number=command.order_number.strip(),
            reason=command.reason.strip(),
            counterpart_school=command.counterpart_school.strip(),
        )
        await movements_repo.add_movement(uow.session, movement, actor.subject)
        uow.emit(enrolment_moved(movement))
    return movement


async def class_on(
    *, runtime: Runtime, school_id: UUID, student_id: UUID, on: date
) -> SchoolClass | None:
    """The student's class on a date, or None when not enrolled then."""
    async with runtime.uow(school_id=school_id) as uow:
        found = await classes_repo.memberships_on(
            uow.session, on, person_id=student_id, classes_only=True
        )
        return (
            await classes_repo.get_class(uow.session, found[0].class_id)
            if found and found[0].class_id
            else None
        )


@dataclass(frozen=True)
class EnrolmentHistory:
    memberships: list[Membership] = field(default_factory=list)
    movements: list[Movement] = field(default_factory=list)


async def history(*, runtime: Runtime, school_id: UUID, student_id: UUID) -> EnrolmentHistory:
    async with runtime.uow(school_id=school_id) as uow:
        rows = await movements_repo.movements_of(uow.session, student_id)
        return EnrolmentHistory(
            memberships=await classes_repo.person_history(uow.session, student_id),
            movements=[
                Movement(
                    id=r.id,
                    school_id=r.school_id,
                    student_id=r.student_id,
                    kind=MovementKind(r.kind),
                    effective_on=r.effective_on,
                    from_class_id=r.from_class_id,
                    to_class_id=r.to_class_id,
                    order_number=r.order_number,
                    reason=r.reason,
                    counterpart_school=r.counterpart_school,
                )
                for r in rows
            ],
        )


def _check_year(target: SchoolClass, day: date) -> None:
    if (
        not date(target.academic_year_start, 8, 1)
        <= day
        <= date(target.academic_year_start + 1, 8, 31)
    ):
        raise InvalidInput(
            "roster.class_year_mismatch", code="class_year_mismatch", name=target.name
        )


async def end_membership(session: AsyncSession, emit: Emit, m: Membership, day: date) -> None:
    m.end_before(day)
    await classes_repo.end_membership(session, m)
    emit(events_pb2.MembershipEnded(membership=membership_message(m)))


async def start_membership(
    session: AsyncSession, emit: Emit, person_id: UUID, c: SchoolClass, day: date
) -> Membership:
    m = Membership(uuid.uuid4(), c.school_id, person_id, day, class_id=c.id)
    await classes_repo.add_membership(session, m)
    emit(events_pb2.MembershipStarted(membership=membership_message(m)))
    return m


def last_day_before(day: date) -> date:
    return day - timedelta(days=1)

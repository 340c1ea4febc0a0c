"""Use cases on study groups (subgroups of a class, groups across classes) and their
memberships: a student joins from a date and leaves on a date (both inclusive)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, replace
from datetime import date
from uuid import UUID

from tabel.roster.v1 import events_pb2
from tabel_platform.errors import Conflict, InvalidInput, NotFound
from tabel_platform.events.envelope import Actor
from tabel_platform.runtime import Runtime
from tabel_roster.adapters import classes_repo
from tabel_roster.domain.classes import Membership, StudyGroup
from tabel_roster.domain.events import group_message, membership_message
from tabel_roster.service_layer.classes import load_class


@dataclass(frozen=True)
class CreateStudyGroup:
    school_id: UUID
    academic_year_start: int
    name: str
    class_id: UUID | None = None
    group_id: UUID | None = None


async def create_study_group(
    *, runtime: Runtime, command: CreateStudyGroup, actor: Actor
) -> StudyGroup:
    name = " ".join(command.name.split())
    if not name:
        raise InvalidInput(
            "field.required", code="invalid_input", errors=[{"field": "name", "code": "required"}]
        )
    g = StudyGroup(
        command.group_id or uuid.uuid4(),
        command.school_id,
        command.academic_year_start,
        name,
        command.class_id,
    )
    async with runtime.uow(school_id=command.school_id, actor=actor) as uow:
        if g.class_id:
            c = await load_class(uow.session, g.class_id)
            if c.academic_year_start != g.academic_year_start:
                raise InvalidInput("roster.group_year_mismatch", code="group_year_mismatch")
        if any(
            x.name == name
            for x in await classes_repo.list_groups(uow.session, year=g.academic_year_start)
        ):
            raise Conflict("roster.group_exists", code="group_exists")
        await classes_repo.add_group(uow.session, g)
        uow.emit(events_pb2.StudyGroupCreated(study_group=group_message(g)))
    return g


async def add_group_member(
    *,
    runtime: Runtime,
    school_id: UUID,
    group_id: UUID,
    person_id: UUID,
    starts_on: date,
    actor: Actor,
) -> Membership:
    async with runtime.uow(school_id=school_id, actor=actor) as uow:
        g = await classes_repo.get_group(uow.session, group_id)
        if g is None:
            raise NotFound("roster.group_not_found", code="group_not_found")
        current = await classes_repo.memberships_on(uow.session, starts_on, person_id=person_id)
        if g.class_id and not any(m.class_id == g.class_id for m in current):
            raise InvalidInput("roster.not_in_class", code="not_in_class")
        if not g.class_id and not any(m.class_id for m in current):
            raise InvalidInput("roster.not_enrolled", code="not_enrolled")
        if any(m.study_group_id == group_id for m in current):
            raise Conflict("roster.already_member", code="already_member")
        m = Membership(uuid.uuid4(), school_id, person_id, starts_on, study_group_id=group_id)
        await classes_repo.add_membership(uow.session, m)
        uow.emit(events_pb2.MembershipStarted(membership=membership_message(m)))
    return m


async def end_group_membership(
    *, runtime: Runtime, school_id: UUID, group_id: UUID, membership_id: UUID, ends_on: date,
    actor: Actor,
) -> Membership:  # fmt: skip
    """The student leaves the group after `ends_on` (a class is left by a movement instead)."""
    async with runtime.uow(school_id=school_id, actor=actor) as uow:
        m = await classes_repo.get_membership(uow.session, membership_id, lock=True)
        if m is None or m.study_group_id != group_id:
            if m is not None and m.class_id is not None:
                raise InvalidInput("roster.not_a_group_membership", code="not_a_group_membership")
            raise NotFound("roster.membership_not_found", code="membership_not_found")
        if m.ends_on is not None and m.ends_on <= ends_on:
            raise Conflict("roster.membership_ended", code="membership_ended")
        if ends_on < m.starts_on:
            raise InvalidInput(
                "roster.membership_end_before_start",
                code="membership_end_before_start",
                errors=[{"field": "ends_on", "code": "before_start"}],
            )
        ended = replace(m, ends_on=ends_on)
        await classes_repo.end_membership(uow.session, ended)
        uow.emit(events_pb2.MembershipEnded(membership=membership_message(ended)))
    return ended

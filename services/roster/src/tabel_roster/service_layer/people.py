"""Use cases on people: create and change them under the consent rule, find them.

Every change of a person's data is written to the personal-data log (who, when, which
fields) in the same transaction as the change, and published as PersonCreated/Updated.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from typing import Any
from uuid import UUID

from sqlalchemy.ext.asyncio import AsyncSession

from tabel_platform.events.envelope import Actor
from tabel_platform.runtime import Runtime
from tabel_roster.adapters import people_repo
from tabel_roster.domain.events import person_created, person_updated
from tabel_roster.domain.people import Consent, Person, PersonalData, PersonKind, changed_fields
from tabel_roster.service_layer.consents import ConsentGiven, consent_row, load
from tabel_roster.service_layer.emit import Emit
from tabel_roster.service_layer.person_rules import apply_changes, filled, validated


@dataclass(frozen=True)
class CreatePerson:
    school_id: UUID
    last_name: str
    first_name: str
    middle_name: str = ""
    kinds: list[PersonKind] = field(default_factory=list)
    positions: list[str] = field(default_factory=list)
    consent: ConsentGiven | None = None
    data: PersonalData = field(default_factory=PersonalData)
    person_id: UUID | None = None


@dataclass(frozen=True)
class UpdatePerson:
    """`changes`: API field name → new value (None clears a personal-data field)."""

    school_id: UUID
    person_id: UUID
    changes: dict[str, Any]


async def create_person(*, runtime: Runtime, command: CreatePerson, actor: Actor) -> Person:
    person = person_from(command)
    async with runtime.uow(school_id=command.school_id, actor=actor) as uow:
        await add_person(uow.session, uow.emit, person, command.consent, actor)
    return person


def person_from(command: CreatePerson) -> Person:
    """The validated person a command describes (InvalidInput when the rules say no)."""
    return validated(
        Person(
            id=command.person_id or uuid.uuid4(),
            school_id=command.school_id,
            last_name=command.last_name,
            first_name=command.first_name,
            middle_name=command.middle_name,
            kinds=list(dict.fromkeys(command.kinds)),
            consent=Consent.GIVEN if command.consent else Consent.NONE,
            data=command.data,
            positions=sorted(set(command.positions)),
        )
    )


async def add_person(
    session: AsyncSession, emit: Emit, person: Person, consent: ConsentGiven | None, actor: Actor
) -> None:
    """Save a validated person with its consent, log entry and event, in an open transaction."""
    await add_people(session, emit, [(person, consent)], actor)


async def add_people(
    session: AsyncSession,
    emit: Emit,
    people: list[tuple[Person, ConsentGiven | None]],
    actor: Actor,
) -> None:
    """`add_person` for many at once: a handful of statements whatever their number."""
    await people_repo.add_many(session, [p for p, _ in people])
    await people_repo.add_consents(
        session, [consent_row(p, Consent.GIVEN, c, actor) for p, c in people if c]
    )
    await people_repo.log_changes(
        session, [(p, filled(p)) for p, _ in people], action="created", actor=actor
    )
    for p, _ in people:
        emit(person_created(p))


async def save_changes(
    session: AsyncSession, emit: Emit, before: Person, after: Person, actor: Actor
) -> list[str]:
    """Save a validated change of a person, logged field by field; returns the changed fields."""
    changed = changed_fields(before, after)
    if changed:
        await people_repo.update_person(session, after)
        await people_repo.log_change(session, after, action="updated", fields=changed, actor=actor)
        emit(person_updated(after, changed))
    return changed


async def update_person(*, runtime: Runtime, command: UpdatePerson, actor: Actor) -> Person:
    async with runtime.uow(school_id=command.school_id, actor=actor) as uow:
        before = await load(uow.session, command.person_id, lock=True)
        after = validated(apply_changes(before, command.changes))
        await save_changes(uow.session, uow.emit, before, after, actor)
    return after


async def get_person(*, runtime: Runtime, school_id: UUID, person_id: UUID) -> Person:
    async with runtime.uow(school_id=school_id) as uow:
        return await load(uow.session, person_id)


async def find_people(
    *,
    runtime: Runtime,
    school_id: UUID,
    kind: PersonKind | None,
    text: str | None,
    limit: int,
    offset: int,
) -> list[Person]:
    async with runtime.uow(school_id=school_id) as uow:
        return await people_repo.find(uow.session, kind=kind, text=text, limit=limit, offset=offset)

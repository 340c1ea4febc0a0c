"""Use cases on people: create and change them under the consent rule, record consent.

Every change of a person's data is written to the personal-data log (who, when, which
fields) in the same transaction as the change, and published as PersonCreated/Updated.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field, replace
from typing import Any
from uuid import UUID

from sqlalchemy.ext.asyncio import AsyncSession

from tabel_platform.errors import InvalidInput, NotFound
from tabel_platform.events.envelope import Actor
from tabel_platform.i18n import translate
from tabel_platform.runtime import Runtime
from tabel_roster.adapters import people_repo
from tabel_roster.domain.events import person_created, person_updated
from tabel_roster.domain.people import (
    POSITIONS,
    Consent,
    ConsentRequired,
    InvalidPersonalData,
    Person,
    PersonalData,
    PersonKind,
    changed_fields,
    check_personal_data,
)
from tabel_roster.service_layer.emit import Emit

NAME_FIELDS = ("last_name", "first_name", "middle_name")


@dataclass(frozen=True)
class ConsentGiven:
    """Who gave the consent (for a student: a guardian), and the paper it is written on."""

    given_by: str
    given_by_person_id: UUID | None = None
    document_ref: str = ""


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


@dataclass(frozen=True)
class RecordConsent:
    school_id: UUID
    person_id: UUID
    status: Consent
    consent: ConsentGiven


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
        session, [_consent_row(p, Consent.GIVEN, c, actor) for p, c in people if c]
    )
    await people_repo.log_changes(
        session, [(p, _filled(p)) for p, _ in people], action="created", actor=actor
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
        before = await _load(uow.session, command.person_id, lock=True)
        after = validated(_apply(before, command.changes))
        await save_changes(uow.session, uow.emit, before, after, actor)
    return after


async def record_consent(*, runtime: Runtime, command: RecordConsent, actor: Actor) -> Person:
    """Record a consent given, refused or withdrawn; without it the personal data is erased."""
    if command.status == Consent.NONE:
        raise InvalidInput(
            "field.invalid", code="invalid_input", errors=[{"field": "status", "code": "invalid"}]
        )
    async with runtime.uow(school_id=command.school_id, actor=actor) as uow:
        before = await _load(uow.session, command.person_id, lock=True)
        keep = command.status == Consent.GIVEN
        after = replace(
            before, consent=command.status, data=before.data if keep else PersonalData()
        )
        await _store_consent(uow.session, after, command.status, command.consent, actor)
        changed = changed_fields(before, after)
        if changed:
            await people_repo.update_person(uow.session, after)
            action = "consent_given" if keep else "erased_without_consent"
            await people_repo.log_change(
                uow.session, after, action=action, fields=changed, actor=actor
            )
            uow.emit(person_updated(after, changed))
    return after


async def get_person(*, runtime: Runtime, school_id: UUID, person_id: UUID) -> Person:
    async with runtime.uow(school_id=school_id) as uow:
        return await _load(uow.session, person_id)


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


async def change_log(*, runtime: Runtime, school_id: UUID, person_id: UUID) -> list[Any]:
    async with runtime.uow(school_id=school_id) as uow:
        await _load(uow.session, person_id)
        return await people_repo.change_log(uow.session, person_id)


def validated(person: Person) -> Person:
    """Trimmed names, known kinds and positions, and the consent rule; or InvalidInput."""
    names: dict[str, Any] = {n: " ".join(getattr(person, n).split()) for n in NAME_FIELDS}
    person = replace(person, **names)
    errors: list[dict[str, Any]] = []
    for name in ("last_name", "first_name"):
        if not getattr(person, name):
            errors.append(
                {"field": name, "code": "required", "message": translate("field.required")}
            )
    for name in NAME_FIELDS:
        value = getattr(person, name)
        if len(value) > 100 or any(c.isdigit() for c in value):
            errors.append(
                {"field": name, "code": "invalid_name", "message": translate("roster.invalid_name")}
            )
    if not person.kinds:
        errors.append(
            {"field": "kinds", "code": "required", "message": translate("field.required")}
        )
    bad_positions = [p for p in person.positions if p not in POSITIONS]
    if bad_positions or (person.positions and PersonKind.STAFF not in person.kinds):
        errors.append(
            {
                "field": "positions",
                "code": "invalid_position",
                "message": translate("roster.invalid_position"),
            }
        )
    if errors:
        raise InvalidInput(
            "error.validation", code="invalid_input", errors=errors, count=len(errors)
        )
    try:
        check_personal_data(person.consent, person.data)
    except ConsentRequired as exc:
        raise InvalidInput(
            "roster.consent_required",
            code="consent_required",
            errors=[{"field": f, "code": "consent_required"} for f in exc.fields],
            fields=", ".join(exc.fields),
        ) from exc
    except InvalidPersonalData as exc:
        raise InvalidInput(
            "roster.invalid_personal_data",
            code="invalid_personal_data",
            errors=[{"field": exc.field, "code": "invalid"}],
            field=exc.field,
        ) from exc
    return person


def _apply(person: Person, changes: dict[str, Any]) -> Person:
    data_fields = set(PersonalData.__dataclass_fields__)
    top = {k: v for k, v in changes.items() if k not in data_fields}
    data = {k: v for k, v in changes.items() if k in data_fields}
    unknown = set(top) - {*NAME_FIELDS, "kinds", "positions"}
    if unknown:
        raise InvalidInput(
            "field.invalid", code="invalid_input", errors=[{"field": f} for f in sorted(unknown)]
        )
    if "sex" in data and data["sex"] is None:
        data["sex"] = 0
    return replace(person, data=replace(person.data, **data), **top)


async def _load(session: AsyncSession, person_id: UUID, *, lock: bool = False) -> Person:
    person = await people_repo.get(session, person_id, lock=lock)
    if person is None:
        raise NotFound("roster.person_not_found", code="person_not_found")
    return person


def _filled(person: Person) -> list[str]:
    return [n for n in NAME_FIELDS if getattr(person, n)] + person.data.present()


async def _store_consent(
    session: AsyncSession, person: Person, status: Consent, given: ConsentGiven, actor: Actor
) -> None:
    await people_repo.add_consents(session, [_consent_row(person, status, given, actor)])


def _consent_row(
    person: Person, status: Consent, given: ConsentGiven, actor: Actor
) -> dict[str, Any]:
    if not given.given_by.strip():
        raise InvalidInput(
            "roster.consent_given_by_required",
            code="consent_given_by_required",
            errors=[{"field": "consent.given_by", "code": "required"}],
        )
    return {
        "id": uuid.uuid4(),
        "school_id": person.school_id,
        "person_id": person.id,
        "status": int(status),
        "given_by": given.given_by.strip(),
        "given_by_person_id": given.given_by_person_id,
        "scope": list(PersonalData.__dataclass_fields__),
        "document_ref": given.document_ref,
        "recorded_by": actor.subject,
    }

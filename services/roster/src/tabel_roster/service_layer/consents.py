"""Consent to personal data: record it given, refused or withdrawn (without it the data is
erased), its history, and the personal-data change log (who, when, which fields)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, replace
from typing import Any
from uuid import UUID

from sqlalchemy.ext.asyncio import AsyncSession

from tabel_platform.errors import InvalidInput, NotFound
from tabel_platform.events.envelope import Actor
from tabel_platform.runtime import Runtime
from tabel_roster.adapters import people_repo
from tabel_roster.domain.events import person_updated
from tabel_roster.domain.people import Consent, Person, PersonalData, changed_fields


@dataclass(frozen=True)
class ConsentGiven:
    """Who gave the consent (for a student: a guardian), and the paper it is written on."""

    given_by: str
    given_by_person_id: UUID | None = None
    document_ref: str = ""


@dataclass(frozen=True)
class RecordConsent:
    school_id: UUID
    person_id: UUID
    status: Consent
    consent: ConsentGiven


async def load(session: AsyncSession, person_id: UUID, *, lock: bool = False) -> Person:
    person = await people_repo.get(session, person_id, lock=lock)
    if person is None:
        raise NotFound("roster.person_not_found", code="person_not_found")
    return person


async def record_consent(*, runtime: Runtime, command: RecordConsent, actor: Actor) -> Person:
    """Record a consent given, refused or withdrawn; without it the personal data is erased."""
    if command.status == Consent.NONE:
        raise InvalidInput(
            "field.invalid", code="invalid_input", errors=[{"field": "status", "code": "invalid"}]
        )
    async with runtime.uow(school_id=command.school_id, actor=actor) as uow:
        before = await load(uow.session, command.person_id, lock=True)
        keep = command.status == Consent.GIVEN
        after = replace(
            before, consent=command.status, data=before.data if keep else PersonalData()
        )
        row = consent_row(after, command.status, command.consent, actor)
        await people_repo.add_consents(uow.session, [row])
        changed = changed_fields(before, after)
        if changed:
            await people_repo.update_person(uow.session, after)
            action = "consent_given" if keep else "erased_without_consent"
            await people_repo.log_change(
                uow.session, after, action=action, fields=changed, actor=actor
            )
            uow.emit(person_updated(after, changed))
    return after


async def consent_history(*, runtime: Runtime, school_id: UUID, person_id: UUID) -> list[Any]:
    """Every consent recorded for the person, oldest first (given, refused, withdrawn)."""
    async with runtime.uow(school_id=school_id) as uow:
        await load(uow.session, person_id)
        return await people_repo.consent_history(uow.session, person_id)


async def change_log(*, runtime: Runtime, school_id: UUID, person_id: UUID) -> list[Any]:
    async with runtime.uow(school_id=school_id) as uow:
        await load(uow.session, person_id)
        return await people_repo.change_log(uow.session, person_id)


def consent_row(
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

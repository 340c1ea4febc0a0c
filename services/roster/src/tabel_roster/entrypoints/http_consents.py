"""REST: a person's consent to personal data (record, history) and the change log."""

from __future__ import annotations

from uuid import UUID

from fastapi import APIRouter

from tabel_platform.http.security import CurrentPrincipal, CurrentSchool
from tabel_platform.runtime import CurrentRuntime
from tabel_roster.entrypoints.access import Action, allowed, authorize
from tabel_roster.entrypoints.people_schemas import (
    ChangeRead,
    ConsentCreate,
    ConsentRead,
    PersonRead,
)
from tabel_roster.service_layer import consents

router = APIRouter(prefix="/v1", tags=["people"])


@router.post("/people/{person_id}/consents", response_model=PersonRead)
async def record_consent(
    person_id: UUID,
    body: ConsentCreate,
    principal: CurrentPrincipal,
    school: CurrentSchool,
    runtime: CurrentRuntime,
) -> PersonRead:
    """Record consent given, refused or withdrawn; without it the data is erased (administrator)."""
    await authorize(runtime, principal, Action.MANAGE_SCHOOL, school)
    given = consents.ConsentGiven(**body.model_dump(exclude={"status"}))
    command = consents.RecordConsent(
        school_id=school, person_id=person_id, status=body.status, consent=given
    )
    person = await consents.record_consent(
        runtime=runtime, command=command, actor=principal.actor()
    )
    full = await allowed(runtime, principal, Action.READ_PERSONAL_DATA, school, person_id=person_id)
    return PersonRead.of(person, with_personal_data=full)


@router.get("/people/{person_id}/consents", response_model=list[ConsentRead])
async def consent_history(
    person_id: UUID, principal: CurrentPrincipal, school: CurrentSchool, runtime: CurrentRuntime
) -> list[ConsentRead]:
    """Every consent recorded for the person, oldest first (whoever may see their data)."""
    if not await allowed(runtime, principal, Action.MANAGE_SCHOOL, school):
        await authorize(runtime, principal, Action.READ_PERSONAL_DATA, school, person_id=person_id)
    rows = await consents.consent_history(runtime=runtime, school_id=school, person_id=person_id)
    return [ConsentRead.model_validate(r, from_attributes=True) for r in rows]


@router.get("/people/{person_id}/changes", response_model=list[ChangeRead])
async def person_changes(
    person_id: UUID, principal: CurrentPrincipal, school: CurrentSchool, runtime: CurrentRuntime
) -> list[ChangeRead]:
    """Who changed which of the person's fields and when (administrator, secretary)."""
    await authorize(runtime, principal, Action.MANAGE_SCHOOL, school)
    rows = await consents.change_log(runtime=runtime, school_id=school, person_id=person_id)
    return [ChangeRead.model_validate(r, from_attributes=True) for r in rows]

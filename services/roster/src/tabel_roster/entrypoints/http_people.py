"""REST: people of the current school (staff, students, guardians) under the consent rule."""

from __future__ import annotations

from uuid import UUID

from fastapi import APIRouter, Query, status

from tabel_platform.auth.principal import Principal
from tabel_platform.errors import Forbidden
from tabel_platform.http.security import CurrentPrincipal, CurrentSchool
from tabel_platform.runtime import CurrentRuntime, Runtime
from tabel_roster.domain.people import Person, PersonKind
from tabel_roster.entrypoints.access import Action, allowed, authorize
from tabel_roster.entrypoints.people_schemas import PersonCreate, PersonRead, PersonUpdate
from tabel_roster.service_layer import consents
from tabel_roster.service_layer import people as use_cases

router = APIRouter(prefix="/v1", tags=["people"])


def _staff_only(kinds: list[PersonKind] | None) -> bool:
    return kinds is not None and set(kinds) == {PersonKind.STAFF}


async def _read(runtime: Runtime, principal: Principal, school: UUID, person: Person) -> PersonRead:
    full = await allowed(runtime, principal, Action.READ_PERSONAL_DATA, school, person_id=person.id)
    return PersonRead.of(person, with_personal_data=full)


@router.post("/people", status_code=status.HTTP_201_CREATED, response_model=PersonRead)
async def create_person(
    body: PersonCreate, principal: CurrentPrincipal, school: CurrentSchool, runtime: CurrentRuntime
) -> PersonRead:
    """Add a person; personal data only with consent (administrator, secretary; HR: staff)."""
    action = Action.MANAGE_STAFF if _staff_only(body.kinds) else Action.MANAGE_SCHOOL
    await authorize(runtime, principal, action, school)
    consent = consents.ConsentGiven(**body.consent.model_dump()) if body.consent else None
    command = use_cases.CreatePerson(
        school_id=school,
        last_name=body.last_name,
        first_name=body.first_name,
        middle_name=body.middle_name,
        kinds=body.kinds,
        positions=body.positions,
        consent=consent,
        data=body.personal_data(),
    )
    person = await use_cases.create_person(
        runtime=runtime, command=command, actor=principal.actor()
    )
    return await _read(runtime, principal, school, person)


@router.get("/people", response_model=list[PersonRead])
async def list_people(
    principal: CurrentPrincipal,
    school: CurrentSchool,
    runtime: CurrentRuntime,
    kind: PersonKind | None = None,
    q: str | None = Query(default=None, max_length=100),
    limit: int = Query(default=100, ge=1, le=500),
    offset: int = Query(default=0, ge=0),
) -> list[PersonRead]:
    """People of the school, by kind or name (school staff)."""
    await authorize(runtime, principal, Action.READ_ROSTER, school)
    full = await allowed(runtime, principal, Action.READ_PERSONAL_DATA, school)
    people = await use_cases.find_people(
        runtime=runtime, school_id=school, kind=kind, text=q, limit=limit, offset=offset
    )
    return [PersonRead.of(p, with_personal_data=full) for p in people]


@router.get("/people/{person_id}", response_model=PersonRead)
async def get_person(
    person_id: UUID, principal: CurrentPrincipal, school: CurrentSchool, runtime: CurrentRuntime
) -> PersonRead:
    """One person's card (staff, the person, their guardians; personal data if entitled)."""
    await authorize(runtime, principal, Action.READ_PERSON, school, person_id=person_id)
    person = await use_cases.get_person(runtime=runtime, school_id=school, person_id=person_id)
    return await _read(runtime, principal, school, person)


@router.patch("/people/{person_id}", response_model=PersonRead)
async def update_person(
    person_id: UUID,
    body: PersonUpdate,
    principal: CurrentPrincipal,
    school: CurrentSchool,
    runtime: CurrentRuntime,
) -> PersonRead:
    """Change a person's name or data, logged field by field (administrator, secretary; HR)."""
    changes = body.model_dump(exclude_unset=True)
    if not await allowed(runtime, principal, Action.MANAGE_SCHOOL, school):
        await authorize(runtime, principal, Action.MANAGE_STAFF, school)
        before = await use_cases.get_person(runtime=runtime, school_id=school, person_id=person_id)
        if not (_staff_only(before.kinds) and _staff_only(body.kinds or before.kinds)):
            raise Forbidden("roster.school_admin_only", code="forbidden")
    command = use_cases.UpdatePerson(school_id=school, person_id=person_id, changes=changes)
    person = await use_cases.update_person(
        runtime=runtime, command=command, actor=principal.actor()
    )
    return await _read(runtime, principal, school, person)

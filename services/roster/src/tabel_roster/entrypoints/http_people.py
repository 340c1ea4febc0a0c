"""REST: people of the current school, their consent, change log and guardianships."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any
from uuid import UUID

from fastapi import APIRouter, Query, status
from pydantic import BaseModel, Field

from tabel_platform.http.security import CurrentPrincipal, CurrentSchool
from tabel_platform.runtime import CurrentRuntime
from tabel_roster.domain.people import Consent, Person, PersonalData, PersonKind, Relation
from tabel_roster.entrypoints.access import Action, allowed, authorize
from tabel_roster.service_layer import guardianships as links
from tabel_roster.service_layer import people as use_cases

Name = Annotated[str, Field(max_length=100)]


class ConsentWrite(BaseModel):
    given_by: str = Field(min_length=3, max_length=300, description="ФИО давшего согласие")
    given_by_person_id: UUID | None = None
    document_ref: str = Field(default="", max_length=200)


class PersonalDataWrite(BaseModel):
    birth_date: date | None = None
    sex: int | None = Field(default=None, ge=0, le=2, description="1 male, 2 female")
    email: str | None = Field(default=None, max_length=254)
    phone: str | None = Field(default=None, max_length=30)
    snils: str | None = Field(default=None, max_length=14)
    document: str | None = Field(default=None, max_length=300)
    address: str | None = Field(default=None, max_length=500)


class PersonCreate(PersonalDataWrite):
    last_name: Name
    first_name: Name
    middle_name: Name = ""
    kinds: list[PersonKind] = Field(min_length=1)
    positions: list[str] = Field(default_factory=list)
    consent: ConsentWrite | None = None


class PersonUpdate(PersonalDataWrite):
    last_name: Name | None = None
    first_name: Name | None = None
    middle_name: Name | None = None
    kinds: list[PersonKind] | None = None
    positions: list[str] | None = None


class ConsentRecord(ConsentWrite):
    status: Consent


class PersonRead(BaseModel):
    id: UUID
    last_name: str
    first_name: str
    middle_name: str
    full_name: str
    kinds: list[PersonKind]
    positions: list[str]
    consent: Consent
    # Absent for callers without the right to personal data (and always without consent).
    personal_data: dict[str, Any] | None = None

    @classmethod
    def of(cls, p: Person, *, with_personal_data: bool) -> PersonRead:
        data = {k: v for k, v in vars(p.data).items() if v not in (None, 0)}
        return cls(
            id=p.id,
            last_name=p.last_name,
            first_name=p.first_name,
            middle_name=p.middle_name,
            full_name=p.full_name,
            kinds=p.kinds,
            positions=p.positions,
            consent=p.consent,
            personal_data=data if with_personal_data else None,
        )


class ChangeRead(BaseModel):
    action: str
    fields: list[str]
    actor_subject: str
    actor_person_id: UUID | None
    at: datetime


class GuardianshipCreate(BaseModel):
    guardian_id: UUID
    student_id: UUID
    relation: Relation


class GuardianshipRead(BaseModel):
    id: UUID
    guardian_id: UUID
    student_id: UUID
    relation: Relation


router = APIRouter(prefix="/v1", tags=["people"])


def _personal(body: PersonalDataWrite) -> PersonalData:
    values = body.model_dump(include=set(PersonalData.__dataclass_fields__))
    values["sex"] = values["sex"] or 0
    return PersonalData(**values)


@router.post("/people", status_code=status.HTTP_201_CREATED, response_model=PersonRead)
async def create_person(
    body: PersonCreate, principal: CurrentPrincipal, school: CurrentSchool, runtime: CurrentRuntime
) -> PersonRead:
    """Add a person to the school; personal data only with consent (school administrator)."""
    authorize(principal, Action.MANAGE_SCHOOL, school)
    consent = use_cases.ConsentGiven(**body.consent.model_dump()) if body.consent else None
    command = use_cases.CreatePerson(
        school_id=school,
        last_name=body.last_name,
        first_name=body.first_name,
        middle_name=body.middle_name,
        kinds=body.kinds,
        positions=body.positions,
        consent=consent,
        data=_personal(body),
    )
    person = await use_cases.create_person(
        runtime=runtime, command=command, actor=principal.actor()
    )
    return PersonRead.of(person, with_personal_data=True)


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
    authorize(principal, Action.READ_ROSTER, school)
    full = allowed(principal, Action.READ_PERSONAL_DATA, school)
    people = await use_cases.find_people(
        runtime=runtime, school_id=school, kind=kind, text=q, limit=limit, offset=offset
    )
    return [PersonRead.of(p, with_personal_data=full) for p in people]


@router.get("/people/{person_id}", response_model=PersonRead)
async def get_person(
    person_id: UUID, principal: CurrentPrincipal, school: CurrentSchool, runtime: CurrentRuntime
) -> PersonRead:
    """One person's card (school staff; personal data for those entitled to it)."""
    authorize(principal, Action.READ_ROSTER, school)
    person = await use_cases.get_person(runtime=runtime, school_id=school, person_id=person_id)
    return PersonRead.of(
        person, with_personal_data=allowed(principal, Action.READ_PERSONAL_DATA, school)
    )


@router.patch("/people/{person_id}", response_model=PersonRead)
async def update_person(
    person_id: UUID,
    body: PersonUpdate,
    principal: CurrentPrincipal,
    school: CurrentSchool,
    runtime: CurrentRuntime,
) -> PersonRead:
    """Change a person's name or data; logged field by field (school administrator)."""
    authorize(principal, Action.MANAGE_SCHOOL, school)
    changes = body.model_dump(exclude_unset=True)
    command = use_cases.UpdatePerson(school_id=school, person_id=person_id, changes=changes)
    person = await use_cases.update_person(
        runtime=runtime, command=command, actor=principal.actor()
    )
    return PersonRead.of(person, with_personal_data=True)


@router.post("/people/{person_id}/consents", response_model=PersonRead)
async def record_consent(
    person_id: UUID,
    body: ConsentRecord,
    principal: CurrentPrincipal,
    school: CurrentSchool,
    runtime: CurrentRuntime,
) -> PersonRead:
    """Record consent given, refused or withdrawn; without it the data is erased (administrator)."""
    authorize(principal, Action.MANAGE_SCHOOL, school)
    given = use_cases.ConsentGiven(**body.model_dump(exclude={"status"}))
    command = use_cases.RecordConsent(
        school_id=school, person_id=person_id, status=body.status, consent=given
    )
    person = await use_cases.record_consent(
        runtime=runtime, command=command, actor=principal.actor()
    )
    return PersonRead.of(person, with_personal_data=True)


@router.get("/people/{person_id}/changes", response_model=list[ChangeRead])
async def person_changes(
    person_id: UUID, principal: CurrentPrincipal, school: CurrentSchool, runtime: CurrentRuntime
) -> list[ChangeRead]:
    """Who changed which of the person's fields and when (school administrator)."""
    authorize(principal, Action.MANAGE_SCHOOL, school)
    rows = await use_cases.change_log(runtime=runtime, school_id=school, person_id=person_id)
    return [ChangeRead.model_validate(r, from_attributes=True) for r in rows]


@router.post("/guardianships", status_code=status.HTTP_201_CREATED, response_model=GuardianshipRead)
async def add_guardianship(
    body: GuardianshipCreate,
    principal: CurrentPrincipal,
    school: CurrentSchool,
    runtime: CurrentRuntime,
) -> GuardianshipRead:
    """Link a guardian to a student (school administrator)."""
    authorize(principal, Action.MANAGE_SCHOOL, school)
    command = links.AddGuardianship(school_id=school, **body.model_dump())
    gid = await links.add_guardianship(runtime=runtime, command=command, actor=principal.actor())
    return GuardianshipRead(id=gid, **body.model_dump())


@router.delete("/guardianships/{guardianship_id}", status_code=status.HTTP_204_NO_CONTENT)
async def remove_guardianship(
    guardianship_id: UUID,
    principal: CurrentPrincipal,
    school: CurrentSchool,
    runtime: CurrentRuntime,
    reason: str = Query(default="", max_length=300),
) -> None:
    """Unlink a guardian from a student (school administrator)."""
    authorize(principal, Action.MANAGE_SCHOOL, school)
    await links.remove_guardianship(
        runtime=runtime,
        school_id=school,
        guardianship_id=guardianship_id,
        reason=reason,
        actor=principal.actor(),
    )


@router.get("/people/{person_id}/guardianships", response_model=list[GuardianshipRead])
async def person_guardianships(
    person_id: UUID, principal: CurrentPrincipal, school: CurrentSchool, runtime: CurrentRuntime
) -> list[GuardianshipRead]:
    """A student's guardians, or a guardian's children (school staff)."""
    authorize(principal, Action.READ_ROSTER, school)
    rows = await links.guardianships_of(runtime=runtime, school_id=school, person_id=person_id)
    return [GuardianshipRead.model_validate(r, from_attributes=True) for r in rows]

"""REST: links between guardians (legal representatives) and students."""

from __future__ import annotations

from uuid import UUID

from fastapi import APIRouter, Query, status

from tabel_platform.http.security import CurrentPrincipal, CurrentSchool
from tabel_platform.runtime import CurrentRuntime
from tabel_roster.entrypoints.access import Action, authorize
from tabel_roster.entrypoints.people_schemas import GuardianshipCreate, GuardianshipRead
from tabel_roster.service_layer import guardianships as links

router = APIRouter(prefix="/v1", tags=["people"])


@router.post("/guardianships", status_code=status.HTTP_201_CREATED, response_model=GuardianshipRead)
async def add_guardianship(
    body: GuardianshipCreate,
    principal: CurrentPrincipal,
    school: CurrentSchool,
    runtime: CurrentRuntime,
) -> GuardianshipRead:
    """Link a guardian to a student (administrator, secretary)."""
    await authorize(runtime, principal, Action.MANAGE_SCHOOL, school)
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
    """Unlink a guardian from a student (administrator, secretary)."""
    await authorize(runtime, principal, Action.MANAGE_SCHOOL, school)
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
    """A student's guardians, or a guardian's children (staff, the person, their guardians)."""
    await authorize(runtime, principal, Action.READ_PERSON, school, person_id=person_id)
    rows = await links.guardianships_of(runtime=runtime, school_id=school, person_id=person_id)
    return [GuardianshipRead.model_validate(r, from_attributes=True) for r in rows]

"""REST: schools."""

from __future__ import annotations

from uuid import UUID

from fastapi import APIRouter, status
from pydantic import BaseModel, Field

from tabel_platform.errors import Forbidden
from tabel_platform.http.security import CurrentPrincipal
from tabel_platform.runtime import CurrentRuntime
from tabel_roster.domain.schools import School
from tabel_roster.service_layer import schools as use_cases

REGION_OPERATOR = "region_operator"


class SchoolCreate(BaseModel):
    municipality_id: UUID
    name: str = Field(min_length=3, max_length=500)
    short_name: str = Field(min_length=2, max_length=200)
    domains: list[str] = Field(default_factory=list, max_length=20)
    time_zone: str = Field(default="Europe/Moscow", max_length=64)


class SchoolRead(BaseModel):
    id: UUID
    municipality_id: UUID
    name: str
    short_name: str
    domains: list[str]
    time_zone: str
    grade_levels: list[int]

    @classmethod
    def of(cls, school: School) -> SchoolRead:
        return cls(
            id=school.id,
            municipality_id=school.municipality_id,
            name=school.name,
            short_name=school.short_name,
            domains=school.domains,
            time_zone=school.time_zone,
            grade_levels=school.grade_levels,
        )


router = APIRouter(prefix="/v1/schools", tags=["schools"])


@router.post("", status_code=status.HTTP_201_CREATED, response_model=SchoolRead)
async def create_school(
    body: SchoolCreate, principal: CurrentPrincipal, runtime: CurrentRuntime
) -> SchoolRead:
    """Create a school in the region (region operator)."""
    if not principal.has_role(REGION_OPERATOR):
        raise Forbidden("roster.region_operator_only", code="region_operator_only")
    school = await use_cases.create_school(
        runtime=runtime,
        command=use_cases.CreateSchool(**body.model_dump()),
        actor=principal.actor(),
    )
    return SchoolRead.of(school)


@router.get("/{school_id}", response_model=SchoolRead)
async def get_school(
    school_id: UUID, principal: CurrentPrincipal, runtime: CurrentRuntime
) -> SchoolRead:
    """A school's card (region operator, or anyone of that school)."""
    if not principal.has_role(REGION_OPERATOR) and school_id not in principal.school_ids:
        raise Forbidden()
    return SchoolRead.of(await use_cases.get_school(runtime=runtime, school_id=school_id))

"""REST: municipalities, schools, their settings and domains, and host resolution."""

from __future__ import annotations

from uuid import UUID

from fastapi import APIRouter, status
from pydantic import BaseModel, Field

from tabel_platform.http.security import CurrentPrincipal
from tabel_platform.runtime import CurrentRuntime
from tabel_roster.domain.schools import Municipality, School
from tabel_roster.entrypoints.access import Action, authorize
from tabel_roster.service_layer import municipalities
from tabel_roster.service_layer import schools as use_cases

REGION_OPERATOR = "region_operator"


class MunicipalityCreate(BaseModel):
    name: str = Field(min_length=2, max_length=300)
    oktmo: str = Field(default="", pattern=r"^(\d{8}|\d{11})?$")


class MunicipalityRead(BaseModel):
    id: UUID
    name: str
    oktmo: str

    @classmethod
    def of(cls, m: Municipality) -> MunicipalityRead:
        return cls(id=m.id, name=m.name, oktmo=m.oktmo)


class SchoolCreate(BaseModel):
    municipality_id: UUID
    name: str = Field(min_length=3, max_length=500)
    short_name: str = Field(min_length=2, max_length=200)
    domains: list[str] = Field(default_factory=list, max_length=20)
    time_zone: str = Field(default="Europe/Moscow", max_length=64)


class SchoolUpdate(BaseModel):
    name: str | None = Field(default=None, min_length=3, max_length=500)
    short_name: str | None = Field(default=None, min_length=2, max_length=200)
    domains: list[str] | None = Field(default=None, max_length=20, description="primary first")
    time_zone: str | None = Field(default=None, max_length=64)
    grade_levels: list[int] | None = Field(default=None, max_length=11)
    school_week_days: int | None = None
    grading_scale: int | None = None


class SchoolRead(BaseModel):
    id: UUID
    municipality_id: UUID
    name: str
    short_name: str
    domains: list[str]
    primary_domain: str | None
    time_zone: str
    grade_levels: list[int]
    school_week_days: int
    grading_scale: int

    @classmethod
    def of(cls, school: School) -> SchoolRead:
        return cls(
            id=school.id,
            municipality_id=school.municipality_id,
            name=school.name,
            short_name=school.short_name,
            domains=school.domains,
            primary_domain=school.domains[0] if school.domains else None,
            time_zone=school.time_zone,
            grade_levels=school.grade_levels,
            school_week_days=school.school_week_days,
            grading_scale=school.grading_scale,
        )


router = APIRouter(prefix="/v1", tags=["schools"])


@router.post(
    "/municipalities", status_code=status.HTTP_201_CREATED, response_model=MunicipalityRead
)
async def create_municipality(
    body: MunicipalityCreate, principal: CurrentPrincipal, runtime: CurrentRuntime
) -> MunicipalityRead:
    """Register a municipality of the region (region operator)."""
    await authorize(runtime, principal, Action.MANAGE_REGION)
    m = await municipalities.create_municipality(
        runtime=runtime,
        command=municipalities.CreateMunicipality(**body.model_dump()),
        actor=principal.actor(),
    )
    return MunicipalityRead.of(m)


@router.get("/municipalities", response_model=list[MunicipalityRead])
async def list_municipalities(
    principal: CurrentPrincipal, runtime: CurrentRuntime
) -> list[MunicipalityRead]:
    """The region's municipalities (region operator)."""
    await authorize(runtime, principal, Action.MANAGE_REGION)
    return [
        MunicipalityRead.of(m) for m in await municipalities.list_municipalities(runtime=runtime)
    ]


@router.post("/schools", status_code=status.HTTP_201_CREATED, response_model=SchoolRead)
async def create_school(
    body: SchoolCreate, principal: CurrentPrincipal, runtime: CurrentRuntime
) -> SchoolRead:
    """Create a school in a municipality of the region (region operator)."""
    await authorize(runtime, principal, Action.MANAGE_REGION)
    school = await use_cases.create_school(
        runtime=runtime,
        command=use_cases.CreateSchool(**body.model_dump()),
        actor=principal.actor(),
        require_municipality=True,
    )
    return SchoolRead.of(school)


@router.get("/schools", response_model=list[SchoolRead])
async def list_schools(
    principal: CurrentPrincipal, runtime: CurrentRuntime, municipality_id: UUID | None = None
) -> list[SchoolRead]:
    """The region's schools, optionally of one municipality (region operator)."""
    await authorize(runtime, principal, Action.MANAGE_REGION)
    return [
        SchoolRead.of(s)
        for s in await use_cases.list_schools(runtime=runtime, municipality_id=municipality_id)
    ]


@router.get("/schools/{school_id}", response_model=SchoolRead)
async def get_school(
    school_id: UUID, principal: CurrentPrincipal, runtime: CurrentRuntime
) -> SchoolRead:
    """A school's card (region operator, or anyone of that school)."""
    if not principal.has_role(REGION_OPERATOR) and school_id not in principal.school_ids:
        await authorize(runtime, principal, Action.READ_ROSTER, school_id)
    return SchoolRead.of(await use_cases.get_school(runtime=runtime, school_id=school_id))


@router.patch("/schools/{school_id}", response_model=SchoolRead)
async def update_school(
    school_id: UUID, body: SchoolUpdate, principal: CurrentPrincipal, runtime: CurrentRuntime
) -> SchoolRead:
    """Change a school's settings or domains (region operator or the school's administrator)."""
    await authorize(runtime, principal, Action.SETUP_SCHOOL, school_id)
    command = use_cases.UpdateSchool(school_id=school_id, **body.model_dump(exclude_unset=True))
    return SchoolRead.of(
        await use_cases.update_school(runtime=runtime, command=command, actor=principal.actor())
    )


@router.get("/hosts/{host}", response_model=SchoolRead)
async def resolve_host(host: str, runtime: CurrentRuntime) -> SchoolRead:
    """The school served at a host name (public: a school's site address is public)."""
    return SchoolRead.of(await use_cases.resolve_host(runtime=runtime, host=host))

"""REST: bell schedules, buildings, rooms and subjects of the school."""

from __future__ import annotations

from datetime import date, time
from typing import Any
from uuid import UUID

from fastapi import APIRouter, status
from pydantic import BaseModel, ConfigDict, Field

from tabel_platform.http.security import CurrentPrincipal, CurrentSchool
from tabel_platform.runtime import CurrentRuntime
from tabel_schedule.access import Action, authorize
from tabel_schedule.domain.bells import BellSchedule, Period
from tabel_schedule.service_layer import bells as bell_cases
from tabel_schedule.service_layer import places


class PeriodSchema(BaseModel):
    number: int = Field(ge=0, le=12)
    starts: time
    ends: time


class BellScheduleCreate(BaseModel):
    name: str = Field(min_length=1, max_length=200)
    shift: int = Field(ge=1, le=2)
    periods: list[PeriodSchema] = Field(min_length=1, max_length=13)
    shortened: bool = False
    days: list[date] = Field(default_factory=list, max_length=100)


class BellScheduleRead(BaseModel):
    id: UUID
    name: str
    shift: int
    shortened: bool
    periods: list[PeriodSchema]

    @classmethod
    def of(cls, b: BellSchedule) -> BellScheduleRead:
        return cls(
            id=b.id,
            name=b.name,
            shift=b.shift,
            shortened=b.shortened,
            periods=[
                PeriodSchema(number=p.number, starts=p.starts, ends=p.ends) for p in b.periods
            ],
        )


class BuildingCreate(BaseModel):
    name: str = Field(min_length=1, max_length=200)
    address: str = Field(default="", max_length=500)


class RoomCreate(BaseModel):
    building_id: UUID
    name: str = Field(min_length=1, max_length=50)
    capacity: int | None = Field(default=None, ge=1, le=1000)


class SubjectCreate(BaseModel):
    name: str = Field(min_length=1, max_length=200)
    short_name: str = Field(default="", max_length=50)


class RecordRead(BaseModel):
    """A building, room or subject as stored."""

    model_config = ConfigDict(extra="allow")
    id: UUID
    name: str


def _read(row: Any) -> RecordRead:
    values = {k: v for k, v in row._mapping.items() if k != "school_id"}
    return RecordRead(**values)


router = APIRouter(prefix="/v1", tags=["setup"])


@router.post(
    "/bell-schedules", status_code=status.HTTP_201_CREATED, response_model=BellScheduleRead
)
async def create_bell_schedule(
    body: BellScheduleCreate,
    principal: CurrentPrincipal,
    school: CurrentSchool,
    runtime: CurrentRuntime,
) -> BellScheduleRead:
    """Create a shift's bell schedule, or a shortened one for the given days."""
    authorize(principal, Action.MANAGE)
    command = bell_cases.CreateBellSchedule(
        name=body.name,
        shift=body.shift,
        shortened=body.shortened,
        days=body.days,
        periods=[Period(p.number, p.starts, p.ends) for p in body.periods],
    )
    bells = await bell_cases.create_bell_schedule(
        runtime=runtime, school_id=school, command=command, actor=principal.actor()
    )
    return BellScheduleRead.of(bells)


@router.get("/bell-schedules", response_model=list[BellScheduleRead])
async def list_bell_schedules(
    principal: CurrentPrincipal, school: CurrentSchool, runtime: CurrentRuntime
) -> list[BellScheduleRead]:
    """The school's bell schedules."""
    authorize(principal, Action.VIEW_CLASS)
    found = await bell_cases.list_bell_schedules(runtime=runtime, school_id=school)
    return [BellScheduleRead.of(b) for b in found]


@router.post("/buildings", status_code=status.HTTP_201_CREATED, response_model=RecordRead)
async def create_building(
    body: BuildingCreate,
    principal: CurrentPrincipal,
    school: CurrentSchool,
    runtime: CurrentRuntime,
) -> RecordRead:
    """Add a building of the school."""
    authorize(principal, Action.MANAGE)
    row = await places.create_building(
        runtime=runtime, school_id=school, actor=principal.actor(), **body.model_dump()
    )
    return _read(row)


@router.post("/rooms", status_code=status.HTTP_201_CREATED, response_model=RecordRead)
async def create_room(
    body: RoomCreate, principal: CurrentPrincipal, school: CurrentSchool, runtime: CurrentRuntime
) -> RecordRead:
    """Add a room (кабинет) to a building."""
    authorize(principal, Action.MANAGE)
    row = await places.create_room(
        runtime=runtime, school_id=school, actor=principal.actor(), **body.model_dump()
    )
    return _read(row)


@router.post("/subjects", status_code=status.HTTP_201_CREATED, response_model=RecordRead)
async def create_subject(
    body: SubjectCreate,
    principal: CurrentPrincipal,
    school: CurrentSchool,
    runtime: CurrentRuntime,
) -> RecordRead:
    """Add a subject as the school names it."""
    authorize(principal, Action.MANAGE)
    row = await places.create_subject(
        runtime=runtime, school_id=school, actor=principal.actor(), **body.model_dump()
    )
    return _read(row)


async def _list(kind: str, principal: Any, school: UUID, runtime: Any) -> list[RecordRead]:
    authorize(principal, Action.VIEW_CLASS)
    rows = await places.list_records(runtime=runtime, school_id=school, kind=kind)
    return [_read(r) for r in rows]


@router.get("/buildings", response_model=list[RecordRead])
async def list_buildings(
    principal: CurrentPrincipal, school: CurrentSchool, runtime: CurrentRuntime
) -> list[RecordRead]:
    """The school's buildings."""
    return await _list("buildings", principal, school, runtime)


@router.get("/rooms", response_model=list[RecordRead])
async def list_rooms(
    principal: CurrentPrincipal, school: CurrentSchool, runtime: CurrentRuntime
) -> list[RecordRead]:
    """The school's rooms."""
    return await _list("rooms", principal, school, runtime)


@router.get("/subjects", response_model=list[RecordRead])
async def list_subjects(
    principal: CurrentPrincipal, school: CurrentSchool, runtime: CurrentRuntime
) -> list[RecordRead]:
    """The school's subjects."""
    return await _list("subjects", principal, school, runtime)

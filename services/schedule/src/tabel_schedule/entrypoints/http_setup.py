"""REST: buildings, rooms and subjects of the school."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from fastapi import APIRouter, status
from pydantic import BaseModel, ConfigDict, Field

from tabel_platform.http.security import CurrentPrincipal, CurrentSchool
from tabel_platform.runtime import CurrentRuntime
from tabel_schedule.access import Action, Facts, authorize
from tabel_schedule.entrypoints.caller import CurrentFacts
from tabel_schedule.service_layer import places


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


@router.post("/buildings", status_code=status.HTTP_201_CREATED, response_model=RecordRead)
async def create_building(
    body: BuildingCreate,
    principal: CurrentPrincipal,
    facts: CurrentFacts,
    school: CurrentSchool,
    runtime: CurrentRuntime,
) -> RecordRead:
    """Add a building of the school."""
    authorize(facts, Action.MANAGE)
    row = await places.create_building(
        runtime=runtime, school_id=school, actor=principal.actor(), **body.model_dump()
    )
    return _read(row)


@router.post("/rooms", status_code=status.HTTP_201_CREATED, response_model=RecordRead)
async def create_room(
    body: RoomCreate,
    principal: CurrentPrincipal,
    facts: CurrentFacts,
    school: CurrentSchool,
    runtime: CurrentRuntime,
) -> RecordRead:
    """Add a room (кабинет) to a building."""
    authorize(facts, Action.MANAGE)
    row = await places.create_room(
        runtime=runtime, school_id=school, actor=principal.actor(), **body.model_dump()
    )
    return _read(row)


@router.post("/subjects", status_code=status.HTTP_201_CREATED, response_model=RecordRead)
async def create_subject(
    body: SubjectCreate,
    principal: CurrentPrincipal,
    facts: CurrentFacts,
    school: CurrentSchool,
    runtime: CurrentRuntime,
) -> RecordRead:
    """Add a subject as the school names it."""
    authorize(facts, Action.MANAGE)
    row = await places.create_subject(
        runtime=runtime, school_id=school, actor=principal.actor(), **body.model_dump()
    )
    return _read(row)


async def _list(kind: str, facts: Facts, school: UUID, runtime: Any) -> list[RecordRead]:
    authorize(facts, Action.VIEW_CLASS)
    rows = await places.list_records(runtime=runtime, school_id=school, kind=kind)
    return [_read(r) for r in rows]


@router.get("/buildings", response_model=list[RecordRead])
async def list_buildings(
    facts: CurrentFacts, school: CurrentSchool, runtime: CurrentRuntime
) -> list[RecordRead]:
    """The school's buildings."""
    return await _list("buildings", facts, school, runtime)


@router.get("/rooms", response_model=list[RecordRead])
async def list_rooms(
    facts: CurrentFacts, school: CurrentSchool, runtime: CurrentRuntime
) -> list[RecordRead]:
    """The school's rooms."""
    return await _list("rooms", facts, school, runtime)


@router.get("/subjects", response_model=list[RecordRead])
async def list_subjects(
    facts: CurrentFacts, school: CurrentSchool, runtime: CurrentRuntime
) -> list[RecordRead]:
    """The school's subjects."""
    return await _list("subjects", facts, school, runtime)

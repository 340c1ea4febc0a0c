"""REST: bell schedules (расписание звонков) per shift, with shortened days."""

from __future__ import annotations

from datetime import date, time
from uuid import UUID

from fastapi import APIRouter, status
from pydantic import BaseModel, Field

from tabel_platform.http.security import CurrentPrincipal, CurrentSchool
from tabel_platform.runtime import CurrentRuntime
from tabel_schedule.access import Action, authorize
from tabel_schedule.domain.bells import BellSchedule, Period
from tabel_schedule.entrypoints.caller import CurrentFacts
from tabel_schedule.service_layer import bells as bell_cases


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


router = APIRouter(prefix="/v1", tags=["setup"])


@router.post(
    "/bell-schedules", status_code=status.HTTP_201_CREATED, response_model=BellScheduleRead
)
async def create_bell_schedule(
    body: BellScheduleCreate,
    principal: CurrentPrincipal,
    facts: CurrentFacts,
    school: CurrentSchool,
    runtime: CurrentRuntime,
) -> BellScheduleRead:
    """Create a shift's bell schedule, or a shortened one for the given days."""
    authorize(facts, Action.MANAGE)
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
    principal: CurrentPrincipal, facts: CurrentFacts, school: CurrentSchool, runtime: CurrentRuntime
) -> list[BellScheduleRead]:
    """The school's bell schedules."""
    authorize(facts, Action.VIEW_CLASS)
    found = await bell_cases.list_bell_schedules(runtime=runtime, school_id=school)
    return [BellScheduleRead.of(b) for b in found]

"""REST: materialising the timetable into the year's dated lessons (and regenerating them)."""

from __future__ import annotations

from datetime import date
from uuid import UUID

from fastapi import APIRouter
from pydantic import BaseModel

from tabel_platform.http.security import CurrentPrincipal, CurrentSchool
from tabel_platform.runtime import CurrentRuntime
from tabel_schedule.access import Action, authorize
from tabel_schedule.entrypoints.caller import CurrentFacts
from tabel_schedule.service_layer.materialise import materialise_year


class MaterialiseCreate(BaseModel):
    from_date: date | None = None


class KeptRead(BaseModel):
    lesson_id: UUID
    date: date
    period: int
    reason: str
    differs: list[str]


class MaterialiseRead(BaseModel):
    created: int
    updated: int
    removed: int
    kept: list[KeptRead]
    locked: int


router = APIRouter(prefix="/v1/academic-years", tags=["calendar"])


@router.post("/{year_id}/materialise", response_model=MaterialiseRead)
async def materialise(
    year_id: UUID,
    body: MaterialiseCreate,
    principal: CurrentPrincipal,
    facts: CurrentFacts,
    school: CurrentSchool,
    runtime: CurrentRuntime,
) -> MaterialiseRead:
    """(Re)generate the year's dated lessons from the timetable; reports what it kept."""
    authorize(facts, Action.MANAGE)
    report = await materialise_year(
        runtime=runtime,
        school_id=school,
        academic_year_id=year_id,
        actor=principal.actor(),
        from_date=body.from_date,
    )
    return MaterialiseRead(
        created=report.created,
        updated=report.updated,
        removed=report.removed,
        locked=report.locked,
        kept=[
            KeptRead(
                lesson_id=k.lesson.id,
                date=k.lesson.day,
                period=k.lesson.period,
                reason=k.reason,
                differs=list(k.differs),
            )
            for k in report.kept
        ],
    )

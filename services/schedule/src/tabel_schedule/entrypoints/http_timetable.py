"""REST: the weekly timetable (entries with alternating weeks, group and merged lessons)."""

from __future__ import annotations

from datetime import date, time
from uuid import UUID

from fastapi import APIRouter, Response, status
from pydantic import BaseModel, Field

from tabel_platform.http.security import CurrentPrincipal, CurrentSchool
from tabel_platform.runtime import CurrentRuntime
from tabel_schedule.access import Action, authorize
from tabel_schedule.domain.timetable import Entry, Weeks
from tabel_schedule.entrypoints.caller import CurrentFacts
from tabel_schedule.service_layer import timetable as use_cases


class EntryCreate(BaseModel):
    weekday: int = Field(ge=1, le=7, description="1 = Monday")
    period: int = Field(ge=0, le=12)
    shift: int = Field(default=1, ge=1, le=2)
    weeks: Weeks = Weeks.EVERY
    subject_id: UUID
    teacher_id: UUID
    class_ids: list[UUID] = Field(min_length=1, max_length=10)
    study_group_ids: list[UUID] = Field(default_factory=list, max_length=10)
    room_id: UUID | None = None
    teaching_assignment_id: UUID | None = None
    valid_from: date | None = None
    valid_to: date | None = None


class EntriesCreate(BaseModel):
    academic_year_id: UUID
    entries: list[EntryCreate] = Field(min_length=1, max_length=2000)


class EntryRead(EntryCreate):
    id: UUID
    starts: time
    ends: time

    @classmethod
    def of(cls, e: Entry) -> EntryRead:
        return cls(
            id=e.id,
            weekday=e.weekday,
            period=e.period,
            shift=e.shift,
            weeks=e.weeks,
            subject_id=e.subject_id,
            teacher_id=e.teacher_id,
            class_ids=sorted(e.class_ids),
            study_group_ids=sorted(e.study_group_ids),
            room_id=e.room_id,
            teaching_assignment_id=e.teaching_assignment_id,
            valid_from=e.valid_from,
            valid_to=e.valid_to,
            starts=e.starts,
            ends=e.ends,
        )


router = APIRouter(prefix="/v1/timetable/entries", tags=["timetable"])


@router.post("", status_code=status.HTTP_201_CREATED, response_model=list[EntryRead])
async def add_entries(
    body: EntriesCreate,
    principal: CurrentPrincipal,
    facts: CurrentFacts,
    school: CurrentSchool,
    runtime: CurrentRuntime,
) -> list[EntryRead]:
    """Add timetable entries, all or none; collisions answer 409 with the list."""
    authorize(facts, Action.MANAGE)
    command = use_cases.AddTimetableEntries(
        academic_year_id=body.academic_year_id,
        entries=[use_cases.EntrySpec(**e.model_dump()) for e in body.entries],
    )
    added = await use_cases.add_timetable_entries(
        runtime=runtime, school_id=school, command=command, actor=principal.actor()
    )
    return [EntryRead.of(e) for e in added]


@router.get("", response_model=list[EntryRead])
async def list_entries(
    academic_year_id: UUID,
    principal: CurrentPrincipal,
    facts: CurrentFacts,
    school: CurrentSchool,
    runtime: CurrentRuntime,
) -> list[EntryRead]:
    """The weekly timetable of a year."""
    authorize(facts, Action.VIEW_CLASS)
    found = await use_cases.list_timetable_entries(
        runtime=runtime, school_id=school, academic_year_id=academic_year_id
    )
    return [EntryRead.of(e) for e in found]


@router.delete("/{entry_id}", status_code=status.HTTP_204_NO_CONTENT)
async def remove_entry(
    entry_id: UUID,
    principal: CurrentPrincipal,
    facts: CurrentFacts,
    school: CurrentSchool,
    runtime: CurrentRuntime,
) -> Response:
    """Remove a timetable entry (its lessons go at the next materialisation)."""
    authorize(facts, Action.MANAGE)
    await use_cases.remove_timetable_entry(
        runtime=runtime, school_id=school, entry_id=entry_id, actor=principal.actor()
    )
    return Response(status_code=status.HTTP_204_NO_CONTENT)

"""REST: teaching assignments (учебная нагрузка)."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from fastapi import APIRouter, Response, status
from pydantic import BaseModel, Field

from tabel_platform.http.security import CurrentPrincipal, CurrentSchool
from tabel_platform.runtime import CurrentRuntime
from tabel_schedule.access import Action, authorize
from tabel_schedule.entrypoints.caller import CurrentFacts
from tabel_schedule.service_layer import assignments as use_cases


class TeachingAssignmentCreate(BaseModel):
    academic_year_id: UUID
    teacher_id: UUID
    subject_id: UUID
    class_id: UUID
    study_group_id: UUID | None = None
    weekly_hours: float = Field(gt=0, le=40)


class TeachingAssignmentRead(TeachingAssignmentCreate):
    id: UUID

    @classmethod
    def of(cls, row: Any) -> TeachingAssignmentRead:
        values = {k: v for k, v in row._mapping.items() if k != "school_id"}
        return cls(**values)


router = APIRouter(prefix="/v1/teaching-assignments", tags=["curriculum"])


@router.post("", status_code=status.HTTP_201_CREATED, response_model=TeachingAssignmentRead)
async def add_teaching_assignment(
    body: TeachingAssignmentCreate,
    principal: CurrentPrincipal,
    facts: CurrentFacts,
    school: CurrentSchool,
    runtime: CurrentRuntime,
) -> TeachingAssignmentRead:
    """Assign a teacher a subject in a class or one of its study groups."""
    authorize(facts, Action.MANAGE)
    row = await use_cases.add_teaching_assignment(
        runtime=runtime,
        school_id=school,
        actor=principal.actor(),
        command=use_cases.AddTeachingAssignment(**body.model_dump()),
    )
    return TeachingAssignmentRead.of(row)


@router.get("", response_model=list[TeachingAssignmentRead])
async def list_teaching_assignments(
    academic_year_id: UUID,
    principal: CurrentPrincipal,
    facts: CurrentFacts,
    school: CurrentSchool,
    runtime: CurrentRuntime,
    class_id: UUID | None = None,
    teacher_id: UUID | None = None,
) -> list[TeachingAssignmentRead]:
    """Teaching assignments of a year, optionally of one class or teacher."""
    authorize(facts, Action.VIEW_TEACHER, person_id=teacher_id)
    rows = await use_cases.list_teaching_assignments(
        runtime=runtime,
        school_id=school,
        academic_year_id=academic_year_id,
        class_id=class_id,
        teacher_id=teacher_id,
    )
    return [TeachingAssignmentRead.of(r) for r in rows]


@router.delete("/{assignment_id}", status_code=status.HTTP_204_NO_CONTENT)
async def remove_teaching_assignment(
    assignment_id: UUID,
    principal: CurrentPrincipal,
    facts: CurrentFacts,
    school: CurrentSchool,
    runtime: CurrentRuntime,
) -> Response:
    """Remove a teaching assignment."""
    authorize(facts, Action.MANAGE)
    await use_cases.remove_teaching_assignment(
        runtime=runtime, school_id=school, assignment_id=assignment_id, actor=principal.actor()
    )
    return Response(status_code=status.HTTP_204_NO_CONTENT)

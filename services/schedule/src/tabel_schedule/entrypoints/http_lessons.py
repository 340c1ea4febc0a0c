"""REST: substitutions on dated lessons — cancel, move, another teacher, another room."""

from __future__ import annotations

import datetime as dt
from uuid import UUID

from fastapi import APIRouter
from pydantic import BaseModel, Field

from tabel_platform.http.security import CurrentPrincipal, CurrentSchool
from tabel_platform.runtime import CurrentRuntime
from tabel_schedule.access import Action, authorize
from tabel_schedule.entrypoints.caller import CurrentFacts
from tabel_schedule.entrypoints.schemas import LessonRead
from tabel_schedule.service_layer import substitutions as use_cases
from tabel_schedule.service_layer import teacher_substitutions as teacher_cases

Reason = Field(default="", max_length=500)


class CancelCreate(BaseModel):
    reason: str = Field(min_length=1, max_length=500)


class MoveCreate(BaseModel):
    date: dt.date
    period: int = Field(ge=0, le=12)
    shift: int = Field(default=1, ge=1, le=2)
    room_id: UUID | None = None
    reason: str = Reason


class TeacherSubstitutionCreate(BaseModel):
    substitute_teacher_id: UUID
    reason: str = Reason


class RoomChangeCreate(BaseModel):
    room_id: UUID
    reason: str = Reason


router = APIRouter(prefix="/v1/lessons", tags=["substitutions"])


@router.post("/{lesson_id}/cancel", response_model=LessonRead)
async def cancel_lesson(
    lesson_id: UUID,
    body: CancelCreate,
    principal: CurrentPrincipal,
    facts: CurrentFacts,
    school: CurrentSchool,
    runtime: CurrentRuntime,
) -> LessonRead:
    """Cancel a lesson."""
    authorize(facts, Action.MANAGE)
    lesson = await use_cases.cancel_lesson(
        runtime=runtime,
        school_id=school,
        lesson_id=lesson_id,
        reason=body.reason,
        actor=principal.actor(),
    )
    return LessonRead.of(lesson)


@router.post("/{lesson_id}/move", response_model=LessonRead)
async def move_lesson(
    lesson_id: UUID,
    body: MoveCreate,
    principal: CurrentPrincipal,
    facts: CurrentFacts,
    school: CurrentSchool,
    runtime: CurrentRuntime,
) -> LessonRead:
    """Move a lesson to another date or period; collisions answer 409."""
    authorize(facts, Action.MANAGE)
    lesson = await use_cases.move_lesson(
        runtime=runtime,
        school_id=school,
        lesson_id=lesson_id,
        day=body.date,
        period=body.period,
        shift=body.shift,
        room_id=body.room_id,
        reason=body.reason,
        actor=principal.actor(),
    )
    return LessonRead.of(lesson)


@router.put("/{lesson_id}/substitute", response_model=LessonRead)
async def replace_teacher(
    lesson_id: UUID,
    body: TeacherSubstitutionCreate,
    principal: CurrentPrincipal,
    facts: CurrentFacts,
    school: CurrentSchool,
    runtime: CurrentRuntime,
) -> LessonRead:
    """Give the lesson to a substitute teacher, who gets its journal."""
    authorize(facts, Action.MANAGE)
    lesson = await teacher_cases.replace_teacher(
        runtime=runtime,
        school_id=school,
        lesson_id=lesson_id,
        substitute_teacher_id=body.substitute_teacher_id,
        reason=body.reason,
        actor=principal.actor(),
    )
    return LessonRead.of(lesson)


@router.delete("/{lesson_id}/substitute", response_model=LessonRead)
async def end_substitution(
    lesson_id: UUID,
    principal: CurrentPrincipal,
    facts: CurrentFacts,
    school: CurrentSchool,
    runtime: CurrentRuntime,
) -> LessonRead:
    """Give the lesson back to its own teacher; the substitute loses its journal."""
    authorize(facts, Action.MANAGE)
    lesson = await teacher_cases.end_substitution(
        runtime=runtime, school_id=school, lesson_id=lesson_id, actor=principal.actor()
    )
    return LessonRead.of(lesson)


@router.put("/{lesson_id}/room", response_model=LessonRead)
async def replace_room(
    lesson_id: UUID,
    body: RoomChangeCreate,
    principal: CurrentPrincipal,
    facts: CurrentFacts,
    school: CurrentSchool,
    runtime: CurrentRuntime,
) -> LessonRead:
    """Move a lesson to another room; a busy room answers 409."""
    authorize(facts, Action.MANAGE)
    lesson = await use_cases.replace_room(
        runtime=runtime,
        school_id=school,
        lesson_id=lesson_id,
        room_id=body.room_id,
        reason=body.reason,
        actor=principal.actor(),
    )
    return LessonRead.of(lesson)

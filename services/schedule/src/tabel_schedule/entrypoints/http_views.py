"""REST: the week of a student, a class, a teacher or a room, with changes marked."""

from __future__ import annotations

import datetime as dt
from uuid import UUID

from fastapi import APIRouter
from pydantic import BaseModel

from tabel_platform.http.security import CurrentPrincipal, CurrentSchool
from tabel_platform.runtime import CurrentRuntime
from tabel_schedule.access import Action, authorize
from tabel_schedule.entrypoints.caller import CurrentFacts
from tabel_schedule.entrypoints.schemas import LessonViewRead
from tabel_schedule.service_layer.views import WeekTarget, week


class WeekRead(BaseModel):
    week_starts_on: dt.date
    lessons: list[LessonViewRead]


router = APIRouter(prefix="/v1/weeks", tags=["views"])


@router.get("", response_model=WeekRead)
async def get_week(
    principal: CurrentPrincipal,
    facts: CurrentFacts,
    school: CurrentSchool,
    runtime: CurrentRuntime,
    date: dt.date,
    student_id: UUID | None = None,
    class_id: UUID | None = None,
    teacher_id: UUID | None = None,
    room_id: UUID | None = None,
) -> WeekRead:
    """The week containing `date` of exactly one student, class, teacher or room."""
    target = WeekTarget(student_id, class_id, teacher_id, room_id)
    target.check()
    if student_id:
        authorize(facts, Action.VIEW_STUDENT, person_id=student_id)
    elif class_id:
        authorize(facts, Action.VIEW_CLASS)
    elif teacher_id:
        authorize(facts, Action.VIEW_TEACHER, person_id=teacher_id)
    else:
        authorize(facts, Action.VIEW_ROOM)
    monday, views = await week(runtime=runtime, school_id=school, target=target, day=date)
    return WeekRead(week_starts_on=monday, lessons=[LessonViewRead.of_view(v) for v in views])

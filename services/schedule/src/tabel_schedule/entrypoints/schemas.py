"""Response schemas shared by several routers."""

from __future__ import annotations

import datetime as dt
from uuid import UUID

from pydantic import BaseModel

from tabel_schedule.domain.lessons import Lesson
from tabel_schedule.service_layer.views import LessonView


class LessonRead(BaseModel):
    id: UUID
    date: dt.date
    period: int
    starts_at: dt.datetime
    ends_at: dt.datetime
    subject_id: UUID
    teacher_id: UUID
    substitute_teacher_id: UUID | None
    class_ids: list[UUID]
    study_group_ids: list[UUID]
    room_id: UUID | None
    term_id: UUID | None
    status: str
    changes: list[str]
    original_date: dt.date | None
    original_period: int | None
    note: str

    @classmethod
    def of(cls, x: Lesson) -> LessonRead:
        return cls(
            id=x.id,
            date=x.day,
            period=x.period,
            starts_at=x.starts_at,
            ends_at=x.ends_at,
            subject_id=x.subject_id,
            teacher_id=x.teacher_id,
            substitute_teacher_id=x.substitute_teacher_id,
            class_ids=list(x.class_ids),
            study_group_ids=list(x.study_group_ids),
            room_id=x.room_id,
            term_id=x.term_id,
            status=x.status,
            changes=list(x.changes),
            original_date=x.original_day,
            original_period=x.original_period,
            note=x.note,
        )


class LessonViewRead(LessonRead):
    subject_name: str
    room_name: str
    class_names: list[str]

    @classmethod
    def of_view(cls, v: LessonView) -> LessonViewRead:
        return cls(
            **LessonRead.of(v.lesson).model_dump(),
            subject_name=v.subject.name,
            room_name=v.room_name,
            class_names=v.class_names,
        )

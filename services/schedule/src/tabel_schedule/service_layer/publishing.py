"""Turning lessons into their events, with the subject and room names the journal shows."""

from __future__ import annotations

from uuid import UUID

from sqlalchemy.ext.asyncio import AsyncSession

from tabel.schedule.v1 import events_pb2, lessons_pb2
from tabel_schedule.adapters import places_repo
from tabel_schedule.domain.events import SubjectRef, field_mask, lesson_message
from tabel_schedule.domain.lessons import Lesson


class LessonMessages:
    def __init__(self, subjects: dict[UUID, SubjectRef], rooms: dict[UUID, str]) -> None:
        self.subjects = subjects
        self.rooms = rooms

    @classmethod
    async def load(cls, session: AsyncSession) -> LessonMessages:
        return cls(await places_repo.subject_refs(session), await places_repo.room_names(session))

    def message(self, lesson: Lesson) -> lessons_pb2.Lesson:
        room = self.rooms.get(lesson.room_id, "") if lesson.room_id else ""
        return lesson_message(lesson, self.subjects[lesson.subject_id], room)

    def scheduled(self, lesson: Lesson) -> events_pb2.LessonScheduled:
        return events_pb2.LessonScheduled(lesson=self.message(lesson))

    def changed(self, lesson: Lesson, fields: list[str]) -> events_pb2.LessonChanged:
        if "room_id" in fields:
            fields = [*fields, "room_name"]
        return events_pb2.LessonChanged(lesson=self.message(lesson), update_mask=field_mask(fields))

    def cancelled(self, lesson: Lesson, reason: str) -> events_pb2.LessonCancelled:
        return events_pb2.LessonCancelled(lesson=self.message(lesson), reason=reason)

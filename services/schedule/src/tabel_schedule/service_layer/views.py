"""Week views of a student, a class, a teacher or a room, with changes marked."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from uuid import UUID

from sqlalchemy.ext.asyncio import AsyncSession

from tabel_platform.errors import InvalidInput
from tabel_platform.runtime import Runtime
from tabel_schedule.adapters import lessons_repo, places_repo, projections_repo
from tabel_schedule.domain.events import SubjectRef
from tabel_schedule.domain.lessons import Lesson


@dataclass(frozen=True)
class WeekTarget:
    student_id: UUID | None = None
    class_id: UUID | None = None
    teacher_id: UUID | None = None
    room_id: UUID | None = None

    def check(self) -> None:
        given = [x for x in (self.student_id, self.class_id, self.teacher_id, self.room_id) if x]
        if len(given) != 1:
            raise InvalidInput("schedule.week_target", code="week_target")


@dataclass(frozen=True)
class LessonView:
    lesson: Lesson
    subject: SubjectRef
    room_name: str
    class_names: list[str]


async def lessons_of(
    session: AsyncSession, target: WeekTarget, start: date, end: date
) -> list[Lesson]:
    if target.student_id:
        classes, groups = await projections_repo.units_of_student(
            session, target.student_id, start, end
        )
        return await lessons_repo.in_range(session, start, end, class_ids=classes, group_ids=groups)
    return await lessons_repo.in_range(
        session,
        start,
        end,
        class_ids={target.class_id} if target.class_id else None,
        teacher_id=target.teacher_id,
        room_id=target.room_id,
    )


async def week(
    *, runtime: Runtime, school_id: UUID, target: WeekTarget, day: date
) -> tuple[date, list[LessonView]]:
    """The Monday of `day`'s week and that week's lessons, cancelled ones included."""
    target.check()
    monday = day - timedelta(days=day.weekday())
    async with runtime.uow(school_id=school_id) as uow:
        s = uow.session
        found = await lessons_of(s, target, monday, monday + timedelta(days=6))
        subjects = await places_repo.subject_refs(s)
        rooms = await places_repo.room_names(s)
        names = await projections_repo.class_names(s)
    return monday, [
        LessonView(
            lesson=x,
            subject=subjects[x.subject_id],
            room_name=rooms.get(x.room_id, "") if x.room_id else "",
            class_names=[names.get(c, "") for c in x.class_ids],
        )
        for x in found
    ]

"""Substitutions (замены) of the teacher: the substitute takes the lesson and its journal;
ending the substitution gives both back. SubstitutionMade / SubstitutionEnded tell the
journal to grant or take back the substitute's rights for that lesson."""

from __future__ import annotations

from dataclasses import replace
from typing import Any
from uuid import UUID

from tabel.schedule.v1 import events_pb2
from tabel_platform.errors import Conflict, InvalidInput
from tabel_platform.events.envelope import Actor
from tabel_platform.runtime import Runtime
from tabel_schedule.adapters import lessons_repo, people_repo, substitutions_repo
from tabel_schedule.domain.events import date_message
from tabel_schedule.domain.lessons import Change, Lesson
from tabel_schedule.service_layer import substitution_rules as rules
from tabel_schedule.service_layer.assignments import not_staff
from tabel_schedule.service_layer.publishing import LessonMessages


async def replace_teacher(
    *,
    runtime: Runtime,
    school_id: UUID,
    lesson_id: UUID,
    substitute_teacher_id: UUID,
    reason: str,
    actor: Actor,
) -> Lesson:
    async with runtime.uow(school_id=school_id, actor=actor) as uow:
        s = uow.session
        before = await rules.load_open_lesson(s, lesson_id)
        if substitute_teacher_id == before.teacher_id:
            raise InvalidInput("schedule.same_teacher", code="same_teacher")
        if await people_repo.not_staff(s, [substitute_teacher_id]):
            raise not_staff("substitute_teacher_id")
        if before.substitute_teacher_id:
            await end_active_substitution(uow, before)
        after = before.with_change(Change.TEACHER, substitute_teacher_id=substitute_teacher_id)
        await rules.refuse_collisions(s, after)
        await lessons_repo.save(s, after)
        substitution_id = await rules.record(s, "teacher", before, after, reason)
        uow.emit(
            events_pb2.SubstitutionMade(
                substitution_id=str(substitution_id),
                school_id=str(school_id),
                lesson_id=str(after.id),
                date=date_message(after.day),
                teacher_id=str(after.teacher_id),
                substitute_teacher_id=str(substitute_teacher_id),
                reason=reason,
            )
        )
        uow.emit((await LessonMessages.load(s)).changed(after, ["substitute_teacher_id"]))
    return after


async def end_substitution(
    *, runtime: Runtime, school_id: UUID, lesson_id: UUID, actor: Actor
) -> Lesson:
    """The lesson goes back to its own teacher; the substitute loses its journal."""
    async with runtime.uow(school_id=school_id, actor=actor) as uow:
        s = uow.session
        before = await rules.load_open_lesson(s, lesson_id)
        if before.substitute_teacher_id is None:
            raise Conflict("schedule.no_substitution", code="no_substitution")
        after = await end_active_substitution(uow, before)
        uow.emit((await LessonMessages.load(s)).changed(after, ["substitute_teacher_id"]))
    return after


async def end_active_substitution(uow: Any, lesson: Lesson) -> Lesson:
    """Ends the substitution in force on the lesson (in an open unit of work)."""
    s = uow.session
    ended = await substitutions_repo.end_active(s, lesson.id)
    after = replace(
        lesson,
        substitute_teacher_id=None,
        changes=tuple(c for c in lesson.changes if c != Change.TEACHER),
    )
    await lessons_repo.save(s, after)
    uow.emit(
        events_pb2.SubstitutionEnded(
            substitution_id=str(ended or ""),
            school_id=str(lesson.school_id),
            lesson_id=str(lesson.id),
            date=date_message(lesson.day),
            teacher_id=str(lesson.teacher_id),
            substitute_teacher_id=str(lesson.substitute_teacher_id),
        )
    )
    return after

"""Substitutions (замены): cancel a lesson, move it, give it to another teacher, change its room.

Every change is an event, so the journal grants or takes back a substitute's rights for the
lesson and guardians and students can be told (seed 003, II.2.1).
"""

from __future__ import annotations

import uuid
from dataclasses import replace
from datetime import date
from typing import Any
from uuid import UUID

from sqlalchemy.ext.asyncio import AsyncSession

from tabel.schedule.v1 import events_pb2
from tabel_platform.errors import Conflict, InvalidInput, NotFound
from tabel_platform.events.envelope import Actor
from tabel_platform.runtime import Runtime
from tabel_schedule.adapters import lessons_repo, projections_repo, substitutions_repo
from tabel_schedule.domain.events import date_message
from tabel_schedule.domain.lessons import Change, Lesson, lesson_collisions
from tabel_schedule.service_layer import substitution_rules as rules
from tabel_schedule.service_layer.publishing import LessonMessages


async def _load(session: AsyncSession, lesson_id: UUID) -> Lesson:
    lesson = await lessons_repo.get(session, lesson_id, lock=True)
    if lesson is None:
        raise NotFound("schedule.lesson_not_found", code="lesson_not_found")
    if lesson.cancelled:
        raise Conflict("schedule.lesson_cancelled", code="lesson_cancelled")
    return lesson


async def _refuse_collisions(session: AsyncSession, lesson: Lesson) -> None:
    others = await lessons_repo.overlapping(
        session, lesson.starts_at, lesson.ends_at, exclude=lesson.id
    )
    units = {u for x in [lesson, *others] for u in (x.study_group_ids or x.class_ids)}
    students = await projections_repo.students_of(session, units, lesson.day, lesson.day)
    found = lesson_collisions(lesson, others, students)
    if found:
        what = ", ".join(sorted({rules.KIND_NAMES[f["code"]] for f in found}))
        raise Conflict("schedule.lesson_conflict", code="lesson_conflict", errors=found, what=what)


async def _record(
    session: AsyncSession, kind: str, before: Lesson, after: Lesson, reason: str
) -> UUID:
    substitution_id = uuid.uuid4()
    await substitutions_repo.add(
        session,
        id=substitution_id,
        school_id=before.school_id,
        lesson_id=before.id,
        kind=kind,
        before=rules.snapshot(before),
        after=rules.snapshot(after),
        reason=reason,
    )
    return substitution_id


async def cancel_lesson(
    *, runtime: Runtime, school_id: UUID, lesson_id: UUID, reason: str, actor: Actor
) -> Lesson:
    async with runtime.uow(school_id=school_id, actor=actor) as uow:
        s = uow.session
        before = await _load(s, lesson_id)
        if before.substitute_teacher_id:
            await _end_substitution(uow, before)
        after = before.with_change(Change.CANCELLED, status="cancelled", note=reason)
        await lessons_repo.save(s, after)
        await _record(s, "cancel", before, after, reason)
        uow.emit((await LessonMessages.load(s)).cancelled(after, reason))
    return after


async def move_lesson(
    *,
    runtime: Runtime,
    school_id: UUID,
    lesson_id: UUID,
    day: date,
    period: int,
    shift: int,
    reason: str,
    actor: Actor,
    room_id: UUID | None = None,
) -> Lesson:
    async with runtime.uow(school_id=school_id, actor=actor) as uow:
        s = uow.session
        before = await _load(s, lesson_id)
        starts_at, ends_at, term_id = await rules.slot_times(s, before, day, shift, period)
        after = before.with_change(
            Change.MOVED,
            day=day,
            period=period,
            starts_at=starts_at,
            ends_at=ends_at,
            term_id=term_id,
            original_day=before.original_day or before.day,
            original_period=before.original_period or before.period,
        )
        if room_id is not None and room_id != before.room_id:
            await rules.require_room(s, room_id)
            after = after.with_change(Change.ROOM, room_id=room_id)
        await _refuse_collisions(s, after)
        await lessons_repo.save(s, after)
        await _record(s, "move", before, after, reason)
        fields = rules.changed_fields(before, after)
        uow.emit((await LessonMessages.load(s)).changed(after, fields))
    return after


async def replace_room(
    *,
    runtime: Runtime,
    school_id: UUID,
    lesson_id: UUID,
    room_id: UUID,
    reason: str,
    actor: Actor,
) -> Lesson:
    async with runtime.uow(school_id=school_id, actor=actor) as uow:
        s = uow.session
        before = await _load(s, lesson_id)
        await rules.require_room(s, room_id)
        after = before.with_change(Change.ROOM, room_id=room_id)
        await _refuse_collisions(s, after)
        await lessons_repo.save(s, after)
        await _record(s, "room", before, after, reason)
        uow.emit((await LessonMessages.load(s)).changed(after, ["room_id"]))
    return after


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
        before = await _load(s, lesson_id)
        if substitute_teacher_id == before.teacher_id:
            raise InvalidInput("schedule.same_teacher", code="same_teacher")
        if before.substitute_teacher_id:
            await _end_substitution(uow, before)
        after = before.with_change(Change.TEACHER, substitute_teacher_id=substitute_teacher_id)
        await _refuse_collisions(s, after)
        await lessons_repo.save(s, after)
        substitution_id = await _record(s, "teacher", before, after, reason)
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
        before = await _load(s, lesson_id)
        if before.substitute_teacher_id is None:
            raise Conflict("schedule.no_substitution", code="no_substitution")
        after = await _end_substitution(uow, before)
        uow.emit((await LessonMessages.load(s)).changed(after, ["substitute_teacher_id"]))
    return after


async def _end_substitution(uow: Any, lesson: Lesson) -> Lesson:
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

"""Substitutions (замены): cancel a lesson, move it, change its room (another teacher: see
teacher_substitutions).

Every change is an event, so the journal grants or takes back a substitute's rights for the
lesson and guardians and students can be told (seed 003, II.2.1).
"""

from __future__ import annotations

from datetime import date
from uuid import UUID

from tabel_platform.events.envelope import Actor
from tabel_platform.runtime import Runtime
from tabel_schedule.adapters import lessons_repo
from tabel_schedule.domain.lessons import Change, Lesson
from tabel_schedule.service_layer import substitution_rules as rules
from tabel_schedule.service_layer.publishing import LessonMessages
from tabel_schedule.service_layer.teacher_substitutions import end_active_substitution


async def cancel_lesson(
    *, runtime: Runtime, school_id: UUID, lesson_id: UUID, reason: str, actor: Actor
) -> Lesson:
    async with runtime.uow(school_id=school_id, actor=actor) as uow:
        s = uow.session
        before = await rules.load_open_lesson(s, lesson_id)
        if before.substitute_teacher_id:
            await end_active_substitution(uow, before)
        after = before.with_change(Change.CANCELLED, status="cancelled", note=reason)
        await lessons_repo.save(s, after)
        await rules.record(s, "cancel", before, after, reason)
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
        before = await rules.load_open_lesson(s, lesson_id)
        starts_at, ends_at, term_id = await rules.slot_times(s, before, day, shift, period)
        await rules.refuse_closed_term(s, term_id)
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
        await rules.refuse_collisions(s, after)
        await lessons_repo.save(s, after)
        await rules.record(s, "move", before, after, reason)
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
        before = await rules.load_open_lesson(s, lesson_id)
        await rules.require_room(s, room_id)
        after = before.with_change(Change.ROOM, room_id=room_id)
        await rules.refuse_collisions(s, after)
        await lessons_repo.save(s, after)
        await rules.record(s, "room", before, after, reason)
        uow.emit((await LessonMessages.load(s)).changed(after, ["room_id"]))
    return after

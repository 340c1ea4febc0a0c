"""A lesson save inside the caller's transaction (a lesson save, a submission's mark, an import
of paper records, a reason's correction): access, validation, rows, history and one event."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any
from uuid import UUID

import orjson

from tabel.journal.v1 import events_pb2
from tabel_journal.adapters import entries, history, lesson_context
from tabel_journal.adapters.lesson_context import LedPupils, LessonContext
from tabel_journal.domain.access import (
    Action,
    Facts,
    may_change_closed_term,
    may_on_lesson,
    refused_part,
    writes_as_class_teacher_only,
)
from tabel_journal.domain.timeliness import local_day
from tabel_journal.service_layer import events
from tabel_journal.service_layer.corrected_reasons import kept_corrections, kept_entries
from tabel_journal.service_layer.guards import closed_term_guard
from tabel_journal.service_layer.lesson_changes import LessonChanges, lesson_changes
from tabel_journal.service_layer.lesson_held import held_guard
from tabel_journal.service_layer.lesson_journal_answer import lesson_journal_json
from tabel_journal.service_layer.lesson_journal_command import SaveLessonJournal
from tabel_journal.service_layer.lesson_plan_item import plan_item_topic
from tabel_journal.service_layer.pupil_scope import pupil_scope_guard
from tabel_platform.auth.principal import Principal
from tabel_platform.db.uow import UnitOfWork
from tabel_platform.errors import Forbidden, NotFound


async def apply_lesson_journal(
    *,
    uow: UnitOfWork,
    school_id: UUID,
    principal: Principal,
    who: Facts,
    command: SaveLessonJournal,
    now: datetime,
    locked_lesson: LessonContext | None = None,
    idempotency_key: str | None = None,
    led_pupils: frozenset[UUID] | None = None,
) -> dict[str, Any]:
    """The lesson's journal after the save, as its answer.

    `locked_lesson`: the lesson as loaded with its lock already taken (save_prelude);
    `idempotency_key`: a claimed key whose answer is stored with the rows;
    `led_pupils`: the pupils of the classes `who` leads, if the caller loaded them already.
    The lesson's own teacher or substitute costs no statement beyond the state and the save;
    a class teacher's rights ask for the pupils of their class when they matter."""
    s = uow.session
    person = who.person_id
    ctx = locked_lesson or await lesson_context.load(
        s, school_id=school_id, lesson_id=command.lesson_id, person_id=person
    )
    if ctx is None:
        raise NotFound("journal.lesson_not_found", code="lesson_not_found")
    # A reason's correction needs the correction's right, not a writer's (refused_part
    # checks each part the save changes).
    action = Action.CORRECT_REASONS if command.corrects_reasons else Action.WRITE
    if not may_on_lesson(who, ctx.scope, action):
        raise Forbidden("journal.lesson_forbidden", code="lesson_forbidden")
    if locked_lesson is None:
        await entries.lock_lesson(s, school_id=school_id, lesson_id=ctx.lesson_id)
    ids = [m.id for m in command.marks] + list(command.deleted_mark_ids)
    state = await entries.lesson_state(
        s, school_id=school_id, lesson_id=ctx.lesson_id, mark_ids=ids
    )
    marks_now, attendance_now, record_now, _ = state
    class_ids = who.led(ctx.scope.class_ids)
    pupils = LedPupils(s, school_id=school_id, class_ids=class_ids, on=ctx.date, known=led_pupils)
    kept = await kept_corrections(who, pupils, command, attendance_now)
    today = local_day(now, ctx.rules.time_zone)
    plan_topic = await plan_item_topic(
        s, school_id=school_id, ctx=ctx, item_id=command.plan_item_id
    )
    c = lesson_changes(
        ctx=ctx,
        command=command,
        state=state,
        person=person,
        now=now,
        school_id=school_id,
        kept=frozenset(kept),
        takes_attendance=_takes_attendance(who, ctx, command, today),
        plan_topic=plan_topic,
    )
    refused = refused_part(
        who,
        record=bool(c.record_history),
        marks=bool(c.mark_history),
        attendance=bool(c.attendance_history),
        reasons=command.corrects_reasons,
    )
    if refused:
        raise Forbidden(f"journal.{refused}", code=refused)
    await pupil_scope_guard(
        who=who,
        ctx=ctx,
        pupils=pupils,
        command=command,
        marks=c.mark_history,
        attendance=c.attendance_history,
        marks_now=marks_now,
    )
    held_guard(
        ctx=ctx,
        command=command,
        today=today,
        marks=c.mark_history,
        attendance=c.attendance_rows,
        record=c.record_history,
    )
    changes = [*c.mark_history, *c.attendance_history, *c.record_history]
    if ctx.term_closed and changes:
        closed_term_guard(
            permitted=may_change_closed_term(who, ctx.permitted), reason=command.reason
        )
    answer = lesson_journal_json(
        ctx.lesson_id,
        marks_now,
        c.mark_rows,
        attendance_now,
        c.attendance_rows,
        record_now,
        c.record_row,
        len(changes),
        kept=kept_entries(kept),
    )
    await entries.save(
        s,
        school_id=school_id,
        marks=c.mark_rows,
        attendance=c.attendance_rows,
        record=c.record_row,
        history_rows=history.rows(
            changes, at=now, actor_person_id=person, actor_subject=principal.subject
        ),
        answer=(idempotency_key, principal.subject, answer.decode()) if idempotency_key else None,
    )
    if changes:
        uow.emit(_lesson_saved(c, ctx, school_id, command.reason))
    response: dict[str, Any] = orjson.loads(answer)
    return response


def _takes_attendance(
    who: Facts, ctx: LessonContext, command: SaveLessonJournal, today: date
) -> bool:
    """Whether the save takes the lesson's attendance (seed 002 2.5): the lesson's teacher or
    substitute says so, or sends attendance rows for a lesson held by now. A class teacher
    who only writes for the pupils of their class, or corrects reasons, takes it for nobody:
    saying so is refused, and their rows stamp nothing."""
    if writes_as_class_teacher_only(who, ctx.scope) or command.corrects_reasons:
        if command.attendance_taken:
            raise Forbidden("journal.attendance_taken_forbidden", code="attendance_taken_forbidden")
        return False
    held = not ctx.cancelled and ctx.date <= today
    return command.attendance_taken or (bool(command.attendance) and held)


def _lesson_saved(
    c: LessonChanges, ctx: LessonContext, school_id: UUID, reason: str
) -> events_pb2.LessonJournalSaved:
    """The save's one event: the record's update, if any, and every mark and attendance part."""
    record = (
        events_pb2.LessonRecordUpdated(record=events.lesson_record(c.record_row, school_id, ctx))
        if c.record_row is not None
        else None
    )
    return events.lesson_saved(
        school_id=school_id,
        lesson_id=ctx.lesson_id,
        reason=reason,
        record=record,
        parts=[*c.mark_events, *c.attendance_events],
    )

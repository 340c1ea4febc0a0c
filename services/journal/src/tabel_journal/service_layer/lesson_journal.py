"""The hot path: a lesson's topic, marks and attendance for the whole class, in one transaction.

One request carries the state a teacher sees on the lesson's page. Marks carry client-made
ids, so a mark is never duplicated by a retry, and the request's idempotency key makes the
whole save replay-safe. Every change is kept in the history and published as an event.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any
from uuid import UUID

import orjson

from tabel.journal.v1 import events_pb2
from tabel_journal.adapters import entries, history, idempotency, lesson_context, save_prelude
from tabel_journal.adapters.history import Change
from tabel_journal.adapters.lesson_context import LedPupils, LessonContext
from tabel_journal.domain.access import (
    Action,
    Facts,
    may_on_lesson,
    may_override_corrected_reason,
    writes_as_class_teacher_only,
)
from tabel_journal.domain.timeliness import local_day
from tabel_journal.service_layer import events
from tabel_journal.service_layer.entry_changes import (
    attendance_changes,
    corrected_changes,
    entries_of,
    held_guard,
    mark_changes,
    record_change,
    students_changed,
)
from tabel_journal.service_layer.guards import closed_term_guard
from tabel_platform.auth.principal import Principal
from tabel_platform.db.uow import UnitOfWork
from tabel_platform.errors import Forbidden, NotFound
from tabel_platform.i18n import translate
from tabel_platform.runtime import Runtime


@dataclass(frozen=True)
class MarkInput:
    id: UUID
    student_id: UUID
    value: str
    work_type: str
    comment: str = ""


@dataclass(frozen=True)
class AttendanceInput:
    student_id: UUID
    status: str
    late_minutes: int = 0
    reason: str = ""


@dataclass(frozen=True)
class SaveLessonJournal:
    lesson_id: UUID
    topic: str | None = None
    work_types: list[str] | None = None
    marks: list[MarkInput] = field(default_factory=list)
    attendance: list[AttendanceInput] = field(default_factory=list)
    deleted_mark_ids: list[UUID] = field(default_factory=list)
    reason: str = ""  # required for changes in a closed term, deletions, a cancelled lesson
    # When the entries were made, if earlier than the save (kept on paper during an outage,
    # seed 002 §3): their timeliness is judged by it. None: now.
    entered_at: datetime | None = None
    # The class teacher's correction of absence reasons (seed 002 2.9): its rows are marked
    # corrected, and a later save by a subject teacher keeps them.
    corrects_reasons: bool = False


async def save_lesson_journal(
    *,
    runtime: Runtime,
    school_id: UUID,
    principal: Principal,
    command: SaveLessonJournal,
    idempotency_key: str | None,
    request_payload: Any,
) -> dict[str, Any]:
    """A teacher's save: the key claimed, the lesson locked and what access needs loaded in
    the first statement; the rows, history and answer written in one more."""
    person = _person(principal)
    payload_hash = idempotency.request_hash(request_payload) if idempotency_key else ""
    async with runtime.uow(school_id=school_id, actor=principal.actor()) as uow:
        s = uow.session
        prelude = await save_prelude.load(
            s,
            school_id=school_id,
            lesson_id=command.lesson_id,
            person_id=person,
            key=idempotency_key,
            actor=principal.subject,
            payload_hash=payload_hash,
        )
        if prelude is None:
            raise NotFound("journal.lesson_not_found", code="lesson_not_found")
        if idempotency_key and not prelude.claimed:
            first = await idempotency.first_answer(
                s,
                school_id=school_id,
                key=idempotency_key,
                actor=principal.subject,
                payload_hash=payload_hash,
            )
            return dict(first)
        return await apply_lesson_journal(
            uow=uow,
            school_id=school_id,
            principal=principal,
            who=prelude.who,
            command=command,
            now=datetime.now(UTC),
            locked_lesson=prelude.lesson,
            idempotency_key=idempotency_key,
        )


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
    """The save inside the caller's transaction (a lesson save, a submission's mark, an
    import of paper records): access, validation, rows, history and one event.

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
    if not may_on_lesson(who, ctx.scope, Action.WRITE):
        raise Forbidden("journal.lesson_forbidden", code="lesson_forbidden")
    if locked_lesson is None:
        await entries.lock_lesson(s, school_id=school_id, lesson_id=ctx.lesson_id)
    ids = [m.id for m in command.marks] + list(command.deleted_mark_ids)
    marks_now, attendance_now, record_now, foreign = await entries.lesson_state(
        s, school_id=school_id, lesson_id=ctx.lesson_id, mark_ids=ids
    )
    pupils = LedPupils(
        s,
        school_id=school_id,
        class_ids=who.led(ctx.scope.class_ids),
        on=ctx.date,
        known=led_pupils,
    )
    kept = await _kept_corrections(who, pupils, command, attendance_now)
    taught_by = person if person == ctx.scope.substitute_teacher_id else ctx.effective_teacher
    mark_rows, mark_hist, mark_events = mark_changes(
        ctx=ctx,
        command=command,
        existing=marks_now,
        foreign=foreign,
        person=person,
        taught_by=taught_by,
        now=now,
        school_id=school_id,
    )
    att_rows, att_hist, att_events = attendance_changes(
        ctx=ctx,
        command=command,
        existing=attendance_now,
        person=person,
        now=now,
        school_id=school_id,
        kept=frozenset(kept),
    )
    rec_row, rec_hist = record_change(
        ctx=ctx,
        topic=command.topic,
        work_types=command.work_types,
        existing=record_now,
        person=person,
        taught_by=taught_by,
        now=now,
    )
    if writes_as_class_teacher_only(who, ctx.scope):
        mine = {str(p) for p in await pupils.get()}
        if others := students_changed([*mark_hist, *att_hist]) - mine:
            raise Forbidden(
                "journal.student_of_other_class",
                code="student_of_other_class",
                errors=entries_of(command, others, marks_now),
            )
    held_guard(
        ctx=ctx,
        command=command,
        today=local_day(now, ctx.rules.time_zone),
        marks=mark_hist,
        attendance=att_rows,
        record=rec_hist,
    )
    changes: list[Change] = [*mark_hist, *att_hist, *rec_hist]
    if ctx.term_closed and changes:
        closed_term_guard(permitted=ctx.permitted, reason=command.reason)
    answer = lesson_journal_json(
        ctx.lesson_id,
        marks_now,
        mark_rows,
        attendance_now,
        att_rows,
        record_now,
        rec_row,
        len(changes),
        kept=[
            {
                "field": f"attendance.{i}",
                "code": "reason_corrected",
                "message": translate("journal.reason_corrected"),
            }
            for i in sorted(kept.values())
        ],
    )
    await entries.save(
        s,
        school_id=school_id,
        marks=mark_rows,
        attendance=att_rows,
        record=rec_row,
        history_rows=history.rows(
            changes, at=now, actor_person_id=person, actor_subject=principal.subject
        ),
        answer=(idempotency_key, principal.subject, answer.decode()) if idempotency_key else None,
    )
    if changes:
        record = (
            events_pb2.LessonRecordUpdated(record=events.lesson_record(rec_row, school_id, ctx))
            if rec_row is not None
            else None
        )
        uow.emit(
            events.lesson_saved(
                school_id=school_id,
                lesson_id=ctx.lesson_id,
                reason=command.reason,
                record=record,
                parts=[*mark_events, *att_events],
            )
        )
    response: dict[str, Any] = orjson.loads(answer)
    return response


async def _kept_corrections(
    who: Facts, pupils: LedPupils, command: SaveLessonJournal, attendance: dict[str, Any]
) -> dict[str, int]:
    """Rows whose absence reason the class teacher corrected, which this save would change but
    its author may not (a subject teacher's page opened before the correction, say): they
    stay as corrected, and the answer lists the entries not applied. Refusing the whole save
    instead would lose the teacher's marks for a row their page could not know about."""
    corrected = corrected_changes(command.attendance, attendance)
    if not corrected:
        return {}
    led = await pupils.get()
    return {
        student: i
        for student, i in corrected.items()
        if not may_override_corrected_reason(who, UUID(student), led)
    }


def _person(principal: Principal) -> UUID:
    if principal.person_id is None:
        raise Forbidden("journal.person_required", code="person_required")
    return principal.person_id


def lesson_journal_json(
    lesson_id: UUID,
    marks_now: dict[str, Any],
    mark_rows: list[dict[str, Any]],
    att_now: dict[str, Any],
    att_rows: list[dict[str, Any]],
    record_now: dict[str, Any] | None,
    record_row: dict[str, Any] | None,
    changed: int,
    kept: list[dict[str, Any]] | None = None,
) -> bytes:
    """The lesson's journal after the save as JSON (ids and times as strings), sorted;
    `kept`: entries of the request left as they were, each with a code and a message."""
    marks = {**marks_now, **{str(m["mark_id"]): m for m in mark_rows}}
    attendance = {**att_now, **{str(a["student_id"]): a for a in att_rows}}
    return orjson.dumps(
        {
            "lesson_id": lesson_id,
            "changes": changed,
            "record": record_row or record_now,
            "marks": sorted(
                (m for m in marks.values() if not m["deleted"]),
                key=lambda m: (str(m["student_id"]), str(m["mark_id"])),
            ),
            "attendance": [attendance[k] for k in sorted(attendance)],
            "kept": kept or [],
        },
        default=str,
    )

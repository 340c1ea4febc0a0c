"""The class teacher corrects the reasons of absences in their class (seed 002 2.9): the kind
(absent, ill, excused) and the reason's text, kept in the history like every change. Only
for pupils who were in a class they lead on the lesson's date (a joint lesson of 5А and 5Б
has pupils of another class teacher). A corrected row stays as corrected when a subject
teacher saves the lesson later (lesson_journal)."""

from __future__ import annotations

from datetime import UTC, datetime
from functools import partial
from typing import Any
from uuid import UUID

from tabel_journal.adapters import entries, lesson_context, save_prelude
from tabel_journal.domain.access import Action, may_on_lesson
from tabel_journal.service_layer.keyed_write import write_once
from tabel_journal.service_layer.lesson_journal import _person
from tabel_journal.service_layer.lesson_journal_apply import apply_lesson_journal
from tabel_journal.service_layer.lesson_journal_command import AttendanceInput, SaveLessonJournal
from tabel_platform.auth.principal import Principal
from tabel_platform.db.uow import UnitOfWork
from tabel_platform.errors import Forbidden, NotFound
from tabel_platform.runtime import Runtime

ABSENCES = ("absent", "ill", "excused")
DEFAULT_NOTE = "Корректировка причины пропуска классным руководителем"


async def correct_reason(
    *,
    runtime: Runtime,
    school_id: UUID,
    principal: Principal,
    lesson_id: UUID,
    student_id: UUID,
    status: str,
    reason: str,
    note: str,
    idempotency_key: str | None = None,
    request_payload: Any = None,
) -> dict[str, Any]:
    """The student's attendance entry after the correction. With `idempotency_key`, a retry
    answers the first answer and changes nothing."""
    command = SaveLessonJournal(
        lesson_id=lesson_id,
        attendance=[AttendanceInput(student_id=student_id, status=status, reason=reason)],
        reason=note.strip() or DEFAULT_NOTE,
        corrects_reasons=True,
    )
    write = partial(
        _correct, school_id=school_id, principal=principal, student_id=student_id, command=command
    )
    return await write_once(runtime, school_id, principal, idempotency_key, request_payload, write)


async def _correct(
    uow: UnitOfWork,
    *,
    school_id: UUID,
    principal: Principal,
    student_id: UUID,
    command: SaveLessonJournal,
) -> dict[str, Any]:
    """The correction saved as a lesson save of the student's one entry; that entry after the
    save is the answer."""
    s, lesson_id = uow.session, command.lesson_id
    prelude = await save_prelude.load(
        s,
        school_id=school_id,
        lesson_id=lesson_id,
        person_id=_person(principal),
        key=None,
        actor=principal.subject,
        payload_hash="",
    )
    if prelude is None:
        raise NotFound("journal.lesson_not_found", code="lesson_not_found")
    who, ctx = prelude.who, prelude.lesson
    led = await lesson_context.class_pupils(
        s, school_id=school_id, class_ids=who.led(ctx.scope.class_ids), on=ctx.date
    )
    if not may_on_lesson(who, ctx.scope, Action.CORRECT_REASONS) or student_id not in led:
        raise Forbidden("journal.reason_correction_forbidden", code="reason_correction_forbidden")
    _, attendance, _, _ = await entries.lesson_state(
        s, school_id=school_id, lesson_id=lesson_id, mark_ids=[]
    )
    current = attendance.get(str(student_id))
    if current is None or current["status"] not in ABSENCES:
        raise NotFound("journal.attendance_not_found", code="attendance_not_found")
    saved = await apply_lesson_journal(
        uow=uow,
        school_id=school_id,
        principal=principal,
        who=who,
        command=command,
        now=datetime.now(UTC),
        locked_lesson=ctx,
        led_pupils=led,
    )
    corrected: dict[str, Any] = next(
        a for a in saved["attendance"] if a["student_id"] == str(student_id)
    )
    return corrected

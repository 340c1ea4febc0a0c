"""Withdrawing homework given at a lesson: a new version marked deleted, with the reason kept
in the history. Withdrawing it again changes nothing (DELETE is idempotent by nature); a key
makes a retry return as the first request did, and refuses the key for another request."""

from __future__ import annotations

from datetime import UTC, date, datetime
from functools import partial
from typing import Any
from uuid import UUID

from tabel.journal.v1 import events_pb2
from tabel_journal.adapters import history, homework_rows
from tabel_journal.adapters.history import Change
from tabel_journal.adapters.lesson_context import LessonContext
from tabel_journal.service_layer import events
from tabel_journal.service_layer.entry_changes import field_error
from tabel_journal.service_layer.guards import closed_term_guard, fail_if
from tabel_journal.service_layer.homework_lesson import writable_lesson
from tabel_journal.service_layer.keyed_write import write_once
from tabel_journal.service_layer.lesson_journal import _person
from tabel_platform.auth.principal import Principal
from tabel_platform.db.uow import UnitOfWork
from tabel_platform.errors import NotFound
from tabel_platform.runtime import Runtime


async def remove_homework(
    *,
    runtime: Runtime,
    school_id: UUID,
    principal: Principal,
    lesson_id: UUID,
    homework_id: UUID,
    reason: str,
    idempotency_key: str | None = None,
    request_payload: Any = None,
) -> None:
    write = partial(
        _remove,
        school_id=school_id,
        principal=principal,
        lesson_id=lesson_id,
        homework_id=homework_id,
        reason=reason,
    )
    await write_once(runtime, school_id, principal, idempotency_key, request_payload, write)


async def _remove(
    uow: UnitOfWork,
    *,
    school_id: UUID,
    principal: Principal,
    lesson_id: UUID,
    homework_id: UUID,
    reason: str,
) -> dict[str, Any]:
    """The homework withdrawn unless it was; the answer a key keeps is empty (204)."""
    ctx = await writable_lesson(uow, school_id, lesson_id, _person(principal))
    before = await homework_rows.homework(uow.session, school_id=school_id, homework_id=homework_id)
    if before is None or UUID(before["lesson_id"]) != ctx.lesson_id:
        raise NotFound("journal.homework_not_found", code="homework_not_found")
    if not before["deleted"]:  # withdrawn before: nothing to change
        await _withdraw(uow, school_id, ctx, principal, before, reason)
    return {}


async def _withdraw(
    uow: UnitOfWork,
    school_id: UUID,
    ctx: LessonContext,
    principal: Principal,
    before: dict[str, Any],
    reason: str,
) -> None:
    """A new version marked deleted, the reason in the history, HomeworkRemoved."""
    if ctx.term_closed:
        closed_term_guard(permitted=ctx.permitted, reason=reason)
    fail_if([] if reason.strip() else [field_error("reason", "reason_required")])
    homework_id = UUID(before["homework_id"])
    row = {k: before[k] for k in homework_rows.HOMEWORK_FIELDS}
    row.update(
        homework_id=homework_id,
        lesson_id=ctx.lesson_id,
        subject_id=ctx.scope.subject_id,
        assigned_on=ctx.date,
        due_on=date.fromisoformat(before["due_on"]) if before["due_on"] else None,
        due_lesson_id=UUID(before["due_lesson_id"]) if before["due_lesson_id"] else None,
        student_ids=[UUID(x) for x in before["student_ids"]],
        teacher_id=UUID(before["teacher_id"]) if before["teacher_id"] else None,
        assigned_at=datetime.fromisoformat(before["assigned_at"]),
        version=before["version"] + 1,
        deleted=True,
    )
    await homework_rows.save_homework(uow.session, school_id=school_id, row=row)
    await history.record(
        uow.session,
        school_id=school_id,
        at=datetime.now(UTC),
        actor_person_id=_person(principal),
        actor_subject=principal.subject,
        changes=[
            Change("homework", str(homework_id), row["version"], "delete", before, None, reason)
        ],
    )
    uow.emit(events_pb2.HomeworkRemoved(homework=events.homework(row, school_id), reason=reason))

"""Homework given at a lesson: class-wide or for some students, with files, a due date or
lesson, and whether it was entered in time (seed 003 II.3.5: within two hours after the
teacher's lessons of the day). Every version is kept in the history."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any
from uuid import UUID

from tabel.journal.v1 import events_pb2
from tabel_journal.adapters import facts, history, homework_rows, idempotency, lesson_context
from tabel_journal.adapters.history import Change
from tabel_journal.adapters.lesson_context import LessonContext
from tabel_journal.domain import timeliness
from tabel_journal.domain.access import Action, may_on_lesson
from tabel_journal.service_layer import attachments, events
from tabel_journal.service_layer.guards import closed_term_guard, fail_if
from tabel_journal.service_layer.lesson_journal import _person
from tabel_platform.auth.principal import Principal
from tabel_platform.errors import Conflict, Forbidden, NotFound, PreconditionFailed
from tabel_platform.i18n import translate
from tabel_platform.runtime import Runtime


@dataclass(frozen=True)
class AssignHomework:
    lesson_id: UUID
    homework_id: UUID  # made by the client, so a retry never duplicates it
    text: str
    scope: str = "class_wide"  # or "individual"
    student_ids: list[UUID] = field(default_factory=list)
    due_on: date | None = None
    due_lesson_id: UUID | None = None
    submission_required: bool = False
    attachment_ids: list[UUID] = field(default_factory=list)
    reason: str = ""


def _err(f: str, code: str) -> dict[str, Any]:
    return {"field": f, "code": code, "message": translate(f"journal.{code}")}


async def _lesson(uow: Any, school_id: UUID, lesson_id: UUID, person: UUID) -> LessonContext:
    s = uow.session
    who, _ = await facts.load(s, school_id=school_id, person_id=person)
    ctx = await lesson_context.load(s, school_id=school_id, lesson_id=lesson_id, person_id=person)
    if ctx is None:
        raise NotFound("journal.lesson_not_found", code="lesson_not_found")
    if not may_on_lesson(who, ctx.scope, Action.WRITE):
        raise Forbidden("journal.lesson_forbidden", code="lesson_forbidden")
    if ctx.cancelled:
        raise PreconditionFailed("journal.lesson_cancelled", code="lesson_cancelled")
    return ctx


async def _validate(uow: Any, school_id: UUID, ctx: LessonContext, c: AssignHomework) -> None:
    errors = []
    if c.scope == "individual":
        if not c.student_ids:
            errors.append(_err("student_ids", "students_required"))
        errors += [
            _err(f"student_ids.{i}", "student_not_in_lesson")
            for i, sid in enumerate(c.student_ids)
            if sid not in ctx.students
        ]
    elif c.student_ids:
        errors.append(_err("student_ids", "students_only_individual"))
    if c.due_on is not None and c.due_on < ctx.date:
        errors.append(_err("due_on", "due_before_lesson"))
    if c.due_lesson_id is not None:
        due = await homework_rows.lesson_brief(
            uow.session, school_id=school_id, lesson_id=c.due_lesson_id
        )
        if due is None or due.subject_id != ctx.scope.subject_id or due.date <= ctx.date:
            errors.append(_err("due_lesson_id", "due_lesson_invalid"))
    fail_if(errors)


async def assign_homework(
    *,
    runtime: Runtime,
    school_id: UUID,
    principal: Principal,
    command: AssignHomework,
    idempotency_key: str | None,
    request_payload: Any,
) -> dict[str, Any]:
    person = _person(principal)
    now = datetime.now(UTC)
    async with runtime.uow(school_id=school_id, actor=principal.actor()) as uow:
        s = uow.session
        if idempotency_key:
            stored = await idempotency.claim(
                s,
                school_id=school_id,
                key=idempotency_key,
                actor=principal.subject,
                payload_hash=idempotency.request_hash(request_payload),
            )
            if stored is not None:
                return dict(stored)
        ctx = await _lesson(uow, school_id, command.lesson_id, person)
        await _validate(uow, school_id, ctx, command)
        before = await homework_rows.homework(
            s, school_id=school_id, homework_id=command.homework_id
        )
        if before is not None and UUID(before["lesson_id"]) != ctx.lesson_id:
            raise Conflict("journal.homework_of_other_lesson", code="homework_of_other_lesson")
        files = await attachments.claim(
            s,
            school_id=school_id,
            person=person,
            ids=command.attachment_ids,
            homework_id=command.homework_id,
            student_id=None,
            field="attachment_ids",
        )
        row = _row(ctx, command, before, person, now)
        if before is None or before["deleted"] or _differs(before, row):
            if ctx.term_closed:
                closed_term_guard(permitted=ctx.permitted, reason=command.reason)
            await homework_rows.save_homework(s, school_id=school_id, row=row)
            await history.record(
                s,
                school_id=school_id,
                at=now,
                actor_person_id=person,
                actor_subject=principal.subject,
                changes=[
                    Change(
                        "homework",
                        str(command.homework_id),
                        row["version"],
                        "update" if before else "create",
                        before,
                        plain(row),
                        command.reason,
                    )
                ],
            )
            uow.emit(events_pb2.HomeworkAssigned(homework=events.homework(row, school_id)))
        response = {**plain(row), "attachments": files}
        if idempotency_key:
            await idempotency.store(
                s,
                school_id=school_id,
                key=idempotency_key,
                actor=principal.subject,
                response=response,
            )
    return response


_COMPARED = (
    "text",
    "scope",
    "student_ids",
    "due_on",
    "due_lesson_id",
    "submission_required",
    "attachments",
)


def _differs(before: dict[str, Any], row: dict[str, Any]) -> bool:
    return any(
        (sorted(map(str, before[f])) != sorted(map(str, row[f])))
        if isinstance(row[f], list)
        else str(before[f] if before[f] is not None else "")
        != str(row[f] if row[f] is not None else "")
        for f in _COMPARED
    )


def _row(
    ctx: LessonContext,
    c: AssignHomework,
    before: dict[str, Any] | None,
    person: UUID,
    now: datetime,
) -> dict[str, Any]:
    rules = ctx.rules
    first = before is None or before["deleted"]
    return {
        "homework_id": c.homework_id,
        "lesson_id": ctx.lesson_id,
        "subject_id": ctx.scope.subject_id,
        "assigned_on": ctx.date,
        "due_on": c.due_on,
        "due_lesson_id": c.due_lesson_id,
        "text": c.text,
        "scope": c.scope,
        "student_ids": list(c.student_ids),
        "submission_required": c.submission_required,
        "attachments": [str(a) for a in c.attachment_ids],
        "teacher_id": person,
        "assigned_at": now if before is None else datetime.fromisoformat(before["assigned_at"]),
        "on_time": timeliness.homework_on_time(
            teacher_day_ends_at=ctx.teacher_day_ends_at,
            lesson_date=ctx.date,
            recorded_at=now,
            time_zone=rules.time_zone,
            minutes=rules.homework_deadline_minutes,
        )
        if first or before is None
        else bool(before["on_time"]),
        "version": 1 if before is None else before["version"] + 1,
        "deleted": False,
    }


def plain(row: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for k, v in row.items():
        if isinstance(v, list):
            out[k] = [str(x) for x in v]
        elif v is None or isinstance(v, bool | int):
            out[k] = v
        else:
            out[k] = v.isoformat() if hasattr(v, "isoformat") else str(v)
    return out


async def remove_homework(
    *,
    runtime: Runtime,
    school_id: UUID,
    principal: Principal,
    lesson_id: UUID,
    homework_id: UUID,
    reason: str,
) -> None:
    person = _person(principal)
    now = datetime.now(UTC)
    async with runtime.uow(school_id=school_id, actor=principal.actor()) as uow:
        s = uow.session
        ctx = await _lesson(uow, school_id, lesson_id, person)
        before = await homework_rows.homework(s, school_id=school_id, homework_id=homework_id)
        if before is None or before["deleted"] or UUID(before["lesson_id"]) != ctx.lesson_id:
            raise NotFound("journal.homework_not_found", code="homework_not_found")
        if ctx.term_closed:
            closed_term_guard(permitted=ctx.permitted, reason=reason)
        fail_if([] if reason.strip() else [_err("reason", "reason_required")])
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
        await homework_rows.save_homework(s, school_id=school_id, row=row)
        await history.record(
            s,
            school_id=school_id,
            at=now,
            actor_person_id=person,
            actor_subject=principal.subject,
            changes=[
                Change("homework", str(homework_id), row["version"], "delete", before, None, reason)
            ],
        )
        uow.emit(
            events_pb2.HomeworkRemoved(homework=events.homework(row, school_id), reason=reason)
        )

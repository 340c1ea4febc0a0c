"""Homework submissions: the student hands in text and files; the teacher checks or returns
it and may turn a checked submission into a mark. Each student's actions are logged.

Statuses: assigned (nothing handed in) → submitted → checked | returned; a returned
submission may be handed in again; a checked one is final.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any
from uuid import UUID

from tabel.journal.v1 import events_pb2
from tabel_journal.adapters import facts, homework_rows, lesson_context
from tabel_journal.adapters.lesson_context import LessonContext
from tabel_journal.domain.access import Action, Facts, may_on_lesson
from tabel_journal.service_layer import attachments, events
from tabel_journal.service_layer.lesson_journal import (
    MarkInput,
    SaveLessonJournal,
    _person,
    apply_lesson_journal,
)
from tabel_platform.auth.principal import Principal
from tabel_platform.db.uow import UnitOfWork
from tabel_platform.errors import Forbidden, NotFound, PreconditionFailed
from tabel_platform.runtime import Runtime

_MARK_NS = uuid.UUID("6f1d1c52-5a43-4c1e-9a53-6d7c1f3b2e10")


@dataclass(frozen=True)
class SubmitHomework:
    homework_id: UUID
    student_id: UUID
    text: str = ""
    attachment_ids: list[UUID] = field(default_factory=list)


@dataclass(frozen=True)
class ReviewSubmission:
    homework_id: UUID
    student_id: UUID
    decision: str  # "checked" | "returned"
    comment: str = ""


@dataclass(frozen=True)
class MarkSubmission:
    homework_id: UUID
    student_id: UUID
    value: str
    work_type: str = "homework"
    comment: str = ""


async def _homework(
    uow: UnitOfWork, school_id: UUID, homework_id: UUID, person: UUID
) -> tuple[dict[str, Any], LessonContext, Facts]:
    s = uow.session
    hw = await homework_rows.homework(s, school_id=school_id, homework_id=homework_id)
    if hw is None or hw["deleted"]:
        raise NotFound("journal.homework_not_found", code="homework_not_found")
    ctx = await lesson_context.load(
        s, school_id=school_id, lesson_id=UUID(hw["lesson_id"]), person_id=person
    )
    if ctx is None:
        raise NotFound("journal.homework_not_found", code="homework_not_found")
    who, _ = await facts.load(s, school_id=school_id, person_id=person)
    return hw, ctx, who


async def submit(
    *, runtime: Runtime, school_id: UUID, principal: Principal, command: SubmitHomework
) -> dict[str, Any]:
    person = _person(principal)
    now = datetime.now(UTC)
    async with runtime.uow(school_id=school_id, actor=principal.actor()) as uow:
        s = uow.session
        hw, ctx, who = await _homework(uow, school_id, command.homework_id, person)
        mine = person == command.student_id and "student" in who.roles
        if not mine or command.student_id not in attachments.audience(hw, ctx.students):
            raise Forbidden("journal.submission_forbidden", code="submission_forbidden")
        before = await homework_rows.submission(
            s, school_id=school_id, homework_id=command.homework_id, student_id=person
        )
        if before is not None and before["status"] == "checked":
            raise PreconditionFailed("journal.submission_checked", code="submission_checked")
        files = await attachments.claim(
            s,
            school_id=school_id,
            person=person,
            ids=command.attachment_ids,
            homework_id=command.homework_id,
            student_id=person,
            field="attachment_ids",
        )
        ids = [str(a) for a in command.attachment_ids]
        if (
            before is not None
            and before["status"] == "submitted"
            and before["text"] == command.text
            and sorted(before["attachments"]) == sorted(ids)
        ):
            return _read(before, files)  # a retry: nothing changed, nothing logged
        row = {
            "homework_id": command.homework_id,
            "student_id": person,
            "submission_id": UUID(before["submission_id"]) if before else uuid.uuid4(),
            "text": command.text,
            "attachments": ids,
            "status": "submitted",
            "submitted_at": now,
            "checked_at": None,
            "mark_id": None,
            "comment": "",
        }
        await homework_rows.save_submission(s, school_id=school_id, row=row)
        await homework_rows.log(
            s,
            school_id=school_id,
            homework_id=command.homework_id,
            student_id=person,
            at=now,
            actor=person,
            action="resubmitted" if before else "submitted",
        )
        uow.emit(events_pb2.SubmissionMade(submission=events.submission(row, school_id)))
    return _read(row, files)


def _read(row: dict[str, Any], files: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    out = {
        k: (v.isoformat() if isinstance(v, datetime) else str(v) if isinstance(v, UUID) else v)
        for k, v in row.items()
        if k != "school_id"
    }
    out["attachments"] = files if files is not None else out["attachments"]
    return out


async def _teacher(uow: UnitOfWork, school_id: UUID, homework_id: UUID, person: UUID) -> Any:
    hw, ctx, who = await _homework(uow, school_id, homework_id, person)
    if not may_on_lesson(who, ctx.scope, Action.WRITE):
        raise Forbidden("journal.lesson_forbidden", code="lesson_forbidden")
    return hw, ctx, who


async def review(
    *, runtime: Runtime, school_id: UUID, principal: Principal, command: ReviewSubmission
) -> dict[str, Any]:
    person = _person(principal)
    now = datetime.now(UTC)
    async with runtime.uow(school_id=school_id, actor=principal.actor()) as uow:
        s = uow.session
        await _teacher(uow, school_id, command.homework_id, person)
        before = await homework_rows.submission(
            s, school_id=school_id, homework_id=command.homework_id, student_id=command.student_id
        )
        if before is None or before["status"] != "submitted":
            raise PreconditionFailed("journal.submission_not_submitted", code="not_submitted")
        row = _typed(before)
        row.update(status=command.decision, checked_at=now, comment=command.comment)
        await homework_rows.save_submission(s, school_id=school_id, row=row)
        await homework_rows.log(
            s,
            school_id=school_id,
            homework_id=command.homework_id,
            student_id=command.student_id,
            at=now,
            actor=person,
            action=command.decision,
            note=command.comment,
        )
        uow.emit(
            events_pb2.SubmissionChecked(
                submission=events.submission(row, school_id), comment=command.comment
            )
        )
    return _read(row)


def _typed(before: dict[str, Any]) -> dict[str, Any]:
    row = {k: v for k, v in before.items() if k != "school_id"}
    for k in ("homework_id", "student_id", "submission_id", "mark_id"):
        row[k] = UUID(row[k]) if row[k] else None
    for k in ("submitted_at", "checked_at"):
        row[k] = datetime.fromisoformat(row[k]) if row[k] else None
    return row


async def mark(
    *, runtime: Runtime, school_id: UUID, principal: Principal, command: MarkSubmission
) -> dict[str, Any]:
    """A checked submission becomes a mark at the lesson it was due for (or given at), in the
    same transaction; the mark's id is derived from the submission, so a retry changes nothing."""
    person = _person(principal)
    now = datetime.now(UTC)
    async with runtime.uow(school_id=school_id, actor=principal.actor()) as uow:
        s = uow.session
        hw, _, who = await _teacher(uow, school_id, command.homework_id, person)
        before = await homework_rows.submission(
            s, school_id=school_id, homework_id=command.homework_id, student_id=command.student_id
        )
        if before is None or before["status"] != "checked":
            raise PreconditionFailed("journal.submission_not_checked", code="not_checked")
        mark_id = uuid.uuid5(_MARK_NS, f"{school_id}/{command.homework_id}/{command.student_id}")
        lesson = UUID(hw["due_lesson_id"] or hw["lesson_id"])
        await apply_lesson_journal(
            uow=uow,
            school_id=school_id,
            principal=principal,
            who=who,
            command=SaveLessonJournal(
                lesson_id=lesson,
                marks=[
                    MarkInput(
                        id=mark_id,
                        student_id=command.student_id,
                        value=command.value,
                        work_type=command.work_type,
                        comment=command.comment,
                    )
                ],
            ),
            now=now,
        )
        row = _typed(before)
        if row["mark_id"] != mark_id:
            row["mark_id"] = mark_id
            await homework_rows.save_submission(s, school_id=school_id, row=row)
            await homework_rows.log(
                s,
                school_id=school_id,
                homework_id=command.homework_id,
                student_id=command.student_id,
                at=now,
                actor=person,
                action="marked",
                note=command.value,
            )
            uow.emit(events_pb2.SubmissionChecked(submission=events.submission(row, school_id)))
    return {**_read(row), "lesson_id": str(lesson), "value": command.value}

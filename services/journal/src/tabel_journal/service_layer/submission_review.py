"""The lesson's teacher checks a handed-in submission or returns it to the student for rework.
A retry with the request's idempotency key returns the first answer and changes nothing."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from functools import partial
from typing import Any
from uuid import UUID

from tabel.journal.v1 import events_pb2
from tabel_journal.adapters import submission_rows
from tabel_journal.service_layer import events
from tabel_journal.service_layer.homework_lookup import homework_for_teacher
from tabel_journal.service_layer.keyed_write import write_once
from tabel_journal.service_layer.lesson_journal import _person
from tabel_journal.service_layer.submission_json import from_json, to_json
from tabel_platform.auth.principal import Principal
from tabel_platform.db.uow import UnitOfWork
from tabel_platform.errors import PreconditionFailed
from tabel_platform.runtime import Runtime


@dataclass(frozen=True)
class ReviewSubmission:
    homework_id: UUID
    student_id: UUID
    decision: str  # "checked" | "returned"
    comment: str = ""


async def review(
    *,
    runtime: Runtime,
    school_id: UUID,
    principal: Principal,
    command: ReviewSubmission,
    idempotency_key: str | None = None,
    request_payload: Any = None,
) -> dict[str, Any]:
    now = datetime.now(UTC)
    write = partial(_review, school_id=school_id, principal=principal, command=command, now=now)
    return await write_once(runtime, school_id, principal, idempotency_key, request_payload, write)


async def _review(
    uow: UnitOfWork,
    *,
    school_id: UUID,
    principal: Principal,
    command: ReviewSubmission,
    now: datetime,
) -> dict[str, Any]:
    """The submission checked or returned, logged, SubmissionChecked; its answer."""
    s, person = uow.session, _person(principal)
    await homework_for_teacher(uow, school_id, command.homework_id, person)
    before = await submission_rows.submission(
        s, school_id=school_id, homework_id=command.homework_id, student_id=command.student_id
    )
    if before is None or before["status"] != "submitted":
        raise PreconditionFailed("journal.submission_not_submitted", code="not_submitted")
    row = from_json(before)
    row.update(status=command.decision, checked_at=now, comment=command.comment)
    await submission_rows.record(
        s, school_id=school_id, row=row, at=now, actor=person, action=command.decision,
        note=command.comment,
    )  # fmt: skip
    uow.emit(
        events_pb2.SubmissionChecked(
            submission=events.submission(row, school_id), comment=command.comment
        )
    )
    return to_json(row)

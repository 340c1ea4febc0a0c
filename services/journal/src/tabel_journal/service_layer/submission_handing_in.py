"""A student hands in homework: text and files, logged.

Statuses: assigned (nothing handed in) → submitted → checked | returned; a returned
submission may be handed in again; a checked one is final. The same text and files handed in
again change nothing; a retry with the request's idempotency key returns the first answer.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import partial
from typing import Any
from uuid import UUID

from tabel.journal.v1 import events_pb2
from tabel_journal.adapters import submission_rows
from tabel_journal.domain.access import may_submit_homework
from tabel_journal.service_layer import attachment_links, events
from tabel_journal.service_layer.homework_lookup import audience, homework_for
from tabel_journal.service_layer.keyed_write import write_once
from tabel_journal.service_layer.lesson_journal import _person
from tabel_journal.service_layer.submission_json import to_json
from tabel_platform.auth.principal import Principal
from tabel_platform.db.uow import UnitOfWork
from tabel_platform.errors import Forbidden, PreconditionFailed
from tabel_platform.runtime import Runtime


@dataclass(frozen=True)
class SubmitHomework:
    homework_id: UUID
    student_id: UUID
    text: str = ""
    attachment_ids: list[UUID] = field(default_factory=list)


async def submit(
    *,
    runtime: Runtime,
    school_id: UUID,
    principal: Principal,
    command: SubmitHomework,
    idempotency_key: str | None = None,
    request_payload: Any = None,
) -> dict[str, Any]:
    write = partial(_hand_in, school_id=school_id, person=_person(principal), command=command)
    return await write_once(runtime, school_id, principal, idempotency_key, request_payload, write)


async def _hand_in(
    uow: UnitOfWork, school_id: UUID, person: UUID, command: SubmitHomework
) -> dict[str, Any]:
    """Access, status and files checked; the submission saved and logged, SubmissionMade."""
    s, now = uow.session, datetime.now(UTC)
    hw, ctx, who = await homework_for(uow, school_id, command.homework_id, person)
    mine = may_submit_homework(who, command.student_id)  # the student themselves
    if not mine or command.student_id not in audience(hw, ctx.students):
        raise Forbidden("journal.submission_forbidden", code="submission_forbidden")
    before = await submission_rows.submission(
        s, school_id=school_id, homework_id=command.homework_id, student_id=person
    )
    if before is not None and before["status"] == "checked":
        raise PreconditionFailed("journal.submission_checked", code="submission_checked")
    files = await attachment_links.claim(
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
        return to_json(before, files)  # a retry: nothing changed, nothing logged
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
    action = "resubmitted" if before else "submitted"
    await submission_rows.record(
        s, school_id=school_id, row=row, at=now, actor=person, action=action
    )
    uow.emit(events_pb2.SubmissionMade(submission=events.submission(row, school_id)))
    return to_json(row, files)

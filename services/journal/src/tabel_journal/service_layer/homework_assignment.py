"""Giving homework at a lesson (or changing it): class-wide or for some students, with files,
a due date or lesson. Every version is kept in the history."""

from __future__ import annotations

from datetime import UTC, datetime
from functools import partial
from typing import Any
from uuid import UUID

from tabel.journal.v1 import events_pb2
from tabel_journal.adapters import history, homework_rows
from tabel_journal.adapters.history import Change
from tabel_journal.service_layer import attachment_links, events
from tabel_journal.service_layer.guards import closed_term_guard
from tabel_journal.service_layer.homework_command import AssignHomework, validate
from tabel_journal.service_layer.homework_lesson import writable_lesson
from tabel_journal.service_layer.homework_versions import differs, next_version, plain
from tabel_journal.service_layer.keyed_write import write_once
from tabel_journal.service_layer.lesson_journal import _person
from tabel_platform.auth.principal import Principal
from tabel_platform.db.uow import UnitOfWork
from tabel_platform.errors import Conflict
from tabel_platform.runtime import Runtime


async def assign_homework(
    *,
    runtime: Runtime,
    school_id: UUID,
    principal: Principal,
    command: AssignHomework,
    idempotency_key: str | None,
    request_payload: Any,
) -> dict[str, Any]:
    now = datetime.now(UTC)
    write = partial(_assign, school_id=school_id, principal=principal, command=command, now=now)
    return await write_once(runtime, school_id, principal, idempotency_key, request_payload, write)


async def _assign(
    uow: UnitOfWork,
    *,
    school_id: UUID,
    principal: Principal,
    command: AssignHomework,
    now: datetime,
) -> dict[str, Any]:
    """The homework's new version saved, logged and announced if it differs; its answer."""
    s, person = uow.session, _person(principal)
    ctx = await writable_lesson(uow, school_id, command.lesson_id, person)
    await validate(uow, school_id, ctx, command)
    before = await homework_rows.homework(s, school_id=school_id, homework_id=command.homework_id)
    if before is not None and UUID(before["lesson_id"]) != ctx.lesson_id:
        raise Conflict("journal.homework_of_other_lesson", code="homework_of_other_lesson")
    files = await attachment_links.claim(
        s,
        school_id=school_id,
        person=person,
        ids=command.attachment_ids,
        homework_id=command.homework_id,
        student_id=None,
        field="attachment_ids",
    )
    row = next_version(ctx, command, before, person, now)
    if before is None or before["deleted"] or differs(before, row):
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
    return {**plain(row), "attachments": files}

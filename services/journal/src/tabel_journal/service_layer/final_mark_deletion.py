"""Deleting a student's final mark, by those who may set it, always with a reason (and in a
closed period with management's permit). The row stays as a tombstone, so the mark's history
goes on if it is set again; FinalMarkDeleted tells the read models to drop it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from functools import partial
from typing import Any
from uuid import UUID

from tabel.journal.v1 import events_pb2
from tabel_journal.adapters import final_mark_rows, history
from tabel_journal.adapters.history import Change
from tabel_journal.service_layer import final_mark_events
from tabel_journal.service_layer.final_mark_slot import SlotRequest, as_json, open_slot
from tabel_journal.service_layer.guards import require_reason
from tabel_journal.service_layer.keyed_write import write_once
from tabel_journal.service_layer.lesson_journal import _person
from tabel_platform.auth.principal import Principal
from tabel_platform.db.uow import UnitOfWork
from tabel_platform.errors import NotFound
from tabel_platform.runtime import Runtime


@dataclass(frozen=True)
class DeleteFinalMark:
    student_id: UUID
    subject_id: UUID
    kind: str
    term_id: UUID  # for year, exam and final marks: any term of the year
    reason: str


async def delete_final_mark(
    *,
    runtime: Runtime,
    school_id: UUID,
    principal: Principal,
    command: DeleteFinalMark,
    idempotency_key: str | None,
    request_payload: Any,
) -> dict[str, Any]:
    now = datetime.now(UTC)
    write = partial(_delete, school_id=school_id, principal=principal, command=command, now=now)
    return await write_once(runtime, school_id, principal, idempotency_key, request_payload, write)


async def _delete(
    uow: UnitOfWork,
    *,
    school_id: UUID,
    principal: Principal,
    command: DeleteFinalMark,
    now: datetime,
) -> dict[str, Any]:
    """The mark's tombstone saved, logged, FinalMarkDeleted; the answer: the tombstone."""
    s, person, c = uow.session, _person(principal), command
    request = SlotRequest(c.student_id, c.subject_id, c.kind, c.term_id, c.reason)
    slot = await open_slot(s, school_id=school_id, person=person, request=request, setting=False)
    require_reason(c.reason)
    before = slot.before
    if before is None or before["deleted"]:
        raise NotFound("journal.final_mark_not_found", code="final_mark_not_found")
    row: dict[str, Any] = {
        **final_mark_rows.from_json(before),
        "teacher_id": person,
        "set_as": slot.capacity,
        "set_at": now,
        "version": before["version"] + 1,
        "deleted": True,
    }
    await final_mark_rows.save(s, row)
    mark_id, version = str(row["final_mark_id"]), row["version"]
    await history.record(
        s,
        school_id=school_id,
        at=now,
        actor_person_id=person,
        actor_subject=principal.subject,
        changes=[Change("final_mark", mark_id, version, "delete", before, None, c.reason)],
    )
    uow.emit(
        events_pb2.FinalMarkDeleted(
            final_mark=final_mark_events.final_mark(before), reason=c.reason
        )
    )
    return as_json(row)

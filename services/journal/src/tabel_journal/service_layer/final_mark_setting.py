"""Setting a student's final mark (term, half-year, year, exam, final) in a subject, in a closed
period only with management's permit and a reason. Every version is kept in the history."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import partial
from typing import Any
from uuid import UUID

from sqlalchemy.ext.asyncio import AsyncSession

from tabel.journal.v1 import events_pb2
from tabel_journal.adapters import final_mark_rows, history
from tabel_journal.adapters.history import Change
from tabel_journal.domain.grading import InvalidMark, Scale, validate_value
from tabel_journal.domain.timeliness import final_mark_on_time
from tabel_journal.service_layer import final_mark_events
from tabel_journal.service_layer.diary import _rules
from tabel_journal.service_layer.final_mark_slot import SlotRequest, as_json, open_slot
from tabel_journal.service_layer.guards import fail_if
from tabel_journal.service_layer.keyed_write import write_once
from tabel_journal.service_layer.lesson_journal import _person
from tabel_platform.auth.principal import Principal
from tabel_platform.db.uow import UnitOfWork
from tabel_platform.i18n import translate
from tabel_platform.runtime import Runtime


@dataclass(frozen=True)
class SetFinalMark:
    student_id: UUID
    subject_id: UUID
    kind: str
    term_id: UUID  # for year, exam and final marks: any term of the year
    value: str
    reason: str = ""


async def _value(
    s: AsyncSession, school_id: UUID, subject_id: UUID, grade: int, raw: str
) -> tuple[Scale, str, str]:
    """The scale of the subject in the student's grade, the value as stored in it and the
    school's time zone."""
    rules = await _rules(s, school_id)
    scale = rules.scale_for(subject_id, grade)
    try:
        return scale, validate_value(scale, raw), rules.time_zone
    except InvalidMark as exc:
        fail_if([{"field": "value", "code": str(exc), "message": translate(f"journal.{exc}")}])
        raise


async def set_final_mark(
    *,
    runtime: Runtime,
    school_id: UUID,
    principal: Principal,
    command: SetFinalMark,
    idempotency_key: str | None,
    request_payload: Any,
) -> dict[str, Any]:
    now = datetime.now(UTC)
    write = partial(_set, school_id=school_id, principal=principal, command=command, now=now)
    return await write_once(runtime, school_id, principal, idempotency_key, request_payload, write)


async def _set(
    uow: UnitOfWork, *, school_id: UUID, principal: Principal, command: SetFinalMark, now: datetime
) -> dict[str, Any]:
    """The mark saved, logged and FinalMarkSet if its value changes; the answer: the mark."""
    s, person, c = uow.session, _person(principal), command
    request = SlotRequest(c.student_id, c.subject_id, c.kind, c.term_id, c.reason)
    slot = await open_slot(s, school_id=school_id, person=person, request=request, setting=True)
    scale, value, time_zone = await _value(s, school_id, c.subject_id, slot.grade, c.value)
    before = slot.before
    current = before if before and not before["deleted"] else None
    mark_id = UUID(before["final_mark_id"]) if before else uuid.uuid4()
    version = before["version"] + 1 if before else 1
    row: dict[str, Any] = {
        "school_id": school_id,
        "final_mark_id": mark_id,
        "student_id": c.student_id,
        "subject_id": c.subject_id,
        "kind": c.kind,
        "period_id": slot.period.period_id,
        "term_id": slot.period.term_id,
        "academic_year_id": slot.period.academic_year_id,
        "value": value,
        "scale": scale.value,
        "teacher_id": person,
        "set_as": slot.capacity,
        "set_at": now,
        "version": version,
        "deleted": False,
        # Judged when the mark is first set (a changed value keeps it, as marks do).
        "on_time": current.get("on_time")
        if current
        else final_mark_on_time(
            period_ends_on=slot.period.lock.ends_on, set_at=now, time_zone=time_zone
        ),
    }
    if current is not None and current["value"] == value:
        return as_json(current)
    response = as_json(row)
    await final_mark_rows.save(s, row)
    action = "update" if current else "create"
    change = Change("final_mark", str(mark_id), version, action, current, response, c.reason)
    await history.record(
        s,
        school_id=school_id,
        at=now,
        actor_person_id=person,
        actor_subject=principal.subject,
        changes=[change],
    )
    uow.emit(
        events_pb2.FinalMarkSet(
            final_mark=final_mark_events.final_mark(row),
            previous=final_mark_events.final_mark(current) if current else None,
            reason=c.reason,
        )
    )
    return response

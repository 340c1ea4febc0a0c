"""Setting a student's final mark (term, half-year, year, exam, final) in a subject, in a closed
term only with management's permit and a reason. Every version is kept in the history."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from uuid import UUID

from sqlalchemy.ext.asyncio import AsyncSession

from tabel.journal.v1 import events_pb2
from tabel_journal.adapters import final_mark_rows, history, idempotency, term_permits
from tabel_journal.adapters.history import Change
from tabel_journal.domain.grading import InvalidMark, Scale, validate_value
from tabel_journal.service_layer import final_mark_events
from tabel_journal.service_layer.diary import _rules
from tabel_journal.service_layer.final_mark_rights import final_mark_capacity
from tabel_journal.service_layer.guards import closed_term_guard, fail_if
from tabel_journal.service_layer.lesson_journal import _person
from tabel_platform.auth.principal import Principal
from tabel_platform.errors import NotFound
from tabel_platform.i18n import translate
from tabel_platform.runtime import Runtime


@dataclass(frozen=True)
class SetFinalMark:
    student_id: UUID
    subject_id: UUID
    kind: str
    term_id: UUID
    value: str
    reason: str = ""


async def _value(
    s: AsyncSession, school_id: UUID, subject_id: UUID, classes: frozenset[UUID], raw: str
) -> tuple[Scale, str]:
    """The scale of the subject in the student's grade and the value as stored in it."""
    grade = await final_mark_rows.grade_level(s, school_id=school_id, class_ids=list(classes))
    scale = (await _rules(s, school_id)).scale_for(subject_id, grade)
    try:
        return scale, validate_value(scale, raw)
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
    person = _person(principal)
    now = datetime.now(UTC)
    c = command
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
        capacity, units = await final_mark_capacity(
            s, school_id=school_id, person=person, student_id=c.student_id, subject_id=c.subject_id
        )
        term = await final_mark_rows.term(s, school_id=school_id, term_id=c.term_id)
        if term is None:
            raise NotFound("journal.term_not_found", code="term_not_found")
        scale, value = await _value(s, school_id, c.subject_id, units.classes, c.value)
        by_term = c.kind in ("term", "half_year")
        period = c.term_id if by_term else (term.academic_year_id or c.term_id)
        if term.closed:
            permitted = await term_permits.held(
                s, school_id=school_id, term_id=c.term_id, person_id=person
            )
            closed_term_guard(permitted=permitted, reason=c.reason)
        before = await final_mark_rows.current(
            s,
            school_id=school_id,
            student_id=c.student_id,
            subject_id=c.subject_id,
            kind=c.kind,
            period_id=period,
        )
        row = {
            "school_id": school_id,
            "final_mark_id": UUID(before["final_mark_id"]) if before else uuid.uuid4(),
            "student_id": c.student_id,
            "subject_id": c.subject_id,
            "kind": c.kind,
            "period_id": period,
            "term_id": c.term_id,
            "academic_year_id": term.academic_year_id,
            "value": value,
            "scale": scale.value,
            "teacher_id": person,
            "set_as": capacity,
            "set_at": now,
            "version": before["version"] + 1 if before else 1,
        }
        response = {
            k: (v if isinstance(v, int) else str(v) if v is not None else None)
            for k, v in row.items()
        }
        if before is None or before["value"] != value:
            await final_mark_rows.save(s, row)
            await history.record(
                s,
                school_id=school_id,
                at=now,
                actor_person_id=person,
                actor_subject=principal.subject,
                changes=[
                    Change(
                        "final_mark",
                        str(row["final_mark_id"]),
                        row["version"],
                        "update" if before else "create",
                        before,
                        response,
                        c.reason,
                    )
                ],
            )
            uow.emit(
                events_pb2.FinalMarkSet(
                    final_mark=final_mark_events.final_mark(row),
                    previous=final_mark_events.final_mark(before) if before else None,
                    reason=c.reason,
                )
            )
        if idempotency_key:
            await idempotency.store(
                s,
                school_id=school_id,
                key=idempotency_key,
                actor=principal.subject,
                response=response,
            )
    return response

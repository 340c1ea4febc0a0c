"""Final marks (term, half-year, year, exam, final) by the subject teacher or the class
teacher (seed 002 4.4), with the suggested mark from the weighted average; closed-term
permits given by management."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any
from uuid import UUID

from sqlalchemy import text

from tabel.journal.v1 import events_pb2, marks_pb2
from tabel_journal.adapters import facts, history, idempotency
from tabel_journal.adapters.history import Change
from tabel_journal.domain.access import may_manage, may_set_final
from tabel_journal.domain.grading import (
    InvalidMark,
    Scale,
    average,
    suggest,
    thresholds_for,
    validate_value,
)
from tabel_journal.service_layer.diary import _rules
from tabel_journal.service_layer.guards import closed_term_guard, fail_if
from tabel_journal.service_layer.lesson_journal import _person
from tabel_platform.auth.principal import Principal
from tabel_platform.errors import Forbidden, NotFound
from tabel_platform.runtime import Runtime

KINDS = {
    "term": marks_pb2.FINAL_MARK_KIND_TERM,
    "half_year": marks_pb2.FINAL_MARK_KIND_TERM,
    "year": marks_pb2.FINAL_MARK_KIND_YEAR,
    "exam": marks_pb2.FINAL_MARK_KIND_EXAM,
    "final": marks_pb2.FINAL_MARK_KIND_FINAL,
}

_TERM = text(
    "SELECT term_id, academic_year_id, closed FROM terms WHERE school_id = :s AND term_id = :t"
)
_GRADE = text("SELECT min(grade_level) FROM classes WHERE school_id = :s AND class_id = ANY(:c)")
_CURRENT = text(
    "SELECT to_jsonb(f) FROM final_marks f WHERE school_id = :s AND student_id = :st "
    "AND subject_id = :sub AND kind = :k AND period_id = :p"
)
_UPSERT = text("""
INSERT INTO final_marks (school_id, final_mark_id, student_id, subject_id, kind, period_id, term_id,
  academic_year_id, value, scale, teacher_id, set_as, set_at, version)
VALUES (:school_id, :final_mark_id, :student_id, :subject_id, :kind, :period_id, :term_id,
  :academic_year_id, :value, :scale, :teacher_id, :set_as, :set_at, :version)
ON CONFLICT (school_id, final_mark_id) DO UPDATE SET value = EXCLUDED.value, scale = EXCLUDED.scale,
  teacher_id = EXCLUDED.teacher_id, set_as = EXCLUDED.set_as, set_at = EXCLUDED.set_at,
  version = EXCLUDED.version
""")
_MARKS = text(
    "SELECT value, weight, scale FROM marks WHERE school_id = :s AND student_id = :st "
    "AND subject_id = :sub AND term_id = :t AND NOT deleted"
)
_PERMIT = text("""INSERT INTO closed_term_permits
  (school_id, term_id, person_id, granted_by, reason, granted_at)
VALUES (:s, :t, :p, :by, :r, now()) ON CONFLICT (school_id, term_id, person_id)
DO UPDATE SET granted_by = EXCLUDED.granted_by, reason = EXCLUDED.reason, granted_at = now()""")
_HAS_PERMIT = text(
    "SELECT 1 FROM closed_term_permits WHERE school_id = :s AND term_id = :t AND person_id = :p"
)


@dataclass(frozen=True)
class SetFinalMark:
    student_id: UUID
    subject_id: UUID
    kind: str
    term_id: UUID
    value: str
    reason: str = ""


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
        who, units = await facts.load(
            s, school_id=school_id, person_id=person, student_id=command.student_id, on=date.today()
        )
        capacity = (
            may_set_final(who, command.subject_id, units.classes, units.groups)
            if units.all
            else None
        )
        if capacity is None:
            raise Forbidden("journal.final_forbidden", code="final_forbidden")
        term = (await s.execute(_TERM, {"s": school_id, "t": command.term_id})).first()
        if term is None:
            raise NotFound("journal.term_not_found", code="term_not_found")
        grade = (await s.execute(_GRADE, {"s": school_id, "c": list(units.classes)})).scalar() or 0
        rules = await _rules(s, school_id)
        scale = rules.scale_for(command.subject_id, grade)
        try:
            value = validate_value(scale, command.value)
        except InvalidMark as exc:
            fail_if([{"field": "value", "code": str(exc), "message": str(exc)}])
            raise
        period = (
            command.term_id
            if command.kind in ("term", "half_year")
            else (term.academic_year_id or command.term_id)
        )
        if term.closed:
            permitted = (
                await s.execute(_HAS_PERMIT, {"s": school_id, "t": command.term_id, "p": person})
            ).first()
            closed_term_guard(permitted=permitted is not None, reason=command.reason)
        before = (
            await s.execute(
                _CURRENT,
                {
                    "s": school_id,
                    "st": command.student_id,
                    "sub": command.subject_id,
                    "k": command.kind,
                    "p": period,
                },
            )
        ).scalar()
        row = {
            "school_id": school_id,
            "final_mark_id": UUID(before["final_mark_id"]) if before else uuid.uuid4(),
            "student_id": command.student_id,
            "subject_id": command.subject_id,
            "kind": command.kind,
            "period_id": period,
            "term_id": command.term_id,
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
            await s.execute(_UPSERT, row)
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
                        command.reason,
                    )
                ],
            )
            uow.emit(
                events_pb2.FinalMarkSet(
                    final_mark=_pb(row),
                    previous=_pb_json(before) if before else None,
                    reason=command.reason,
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


def _pb(row: dict[str, Any]) -> marks_pb2.FinalMark:
    pb = marks_pb2.FinalMark(
        id=str(row["final_mark_id"]),
        school_id=str(row["school_id"]),
        student_id=str(row["student_id"]),
        subject_id=str(row["subject_id"]),
        kind=KINDS[row["kind"]],
        academic_year_id=str(row["academic_year_id"] or ""),
        term_id=str(row["term_id"] or ""),
        value=row["value"],
        scale_code=row["scale"],
        teacher_id=str(row["teacher_id"] or ""),
        set_as=row["set_as"],
    )
    at = row["set_at"]
    pb.set_at.FromDatetime(at if isinstance(at, datetime) else datetime.fromisoformat(at))
    return pb


def _pb_json(row: dict[str, Any]) -> marks_pb2.FinalMark:
    return _pb(dict(row))


async def suggestion(
    *,
    runtime: Runtime,
    school_id: UUID,
    principal: Principal,
    student_id: UUID,
    subject_id: UUID,
    term_id: UUID,
) -> dict[str, Any]:
    """The weighted average of the term and the mark the school's thresholds make of it."""
    person = _person(principal)
    async with runtime.uow(school_id=school_id) as uow:
        s = uow.session
        who, units = await facts.load(
            s, school_id=school_id, person_id=person, student_id=student_id
        )
        if not units.all or may_set_final(who, subject_id, units.classes, units.groups) is None:
            raise Forbidden("journal.final_forbidden", code="final_forbidden")
        rows = (
            await s.execute(
                _MARKS, {"s": school_id, "st": student_id, "sub": subject_id, "t": term_id}
            )
        ).all()
        rules = await _rules(s, school_id)
    scale = Scale(rows[0].scale) if rows else Scale.FIVE_POINT
    avg = average(scale, [(r.value, r.weight) for r in rows])
    return {
        "student_id": str(student_id),
        "subject_id": str(subject_id),
        "term_id": str(term_id),
        "average": avg.simple,
        "weighted_average": avg.weighted,
        "marks": avg.count,
        "debts": avg.debts,
        "suggested": suggest(avg.weighted, thresholds_for(scale, rules.rounding)),
    }


async def permit_closed_term(
    *,
    runtime: Runtime,
    school_id: UUID,
    principal: Principal,
    term_id: UUID,
    person_id: UUID,
    reason: str,
) -> None:
    """Management lets a teacher change entries of a closed term (the right; the reason is
    still asked for each change)."""
    me = _person(principal)
    async with runtime.uow(school_id=school_id, actor=principal.actor()) as uow:
        who, _ = await facts.load(uow.session, school_id=school_id, person_id=me)
        if not may_manage(who):
            raise Forbidden("journal.management_only", code="management_only")
        fail_if(
            []
            if reason.strip()
            else [{"field": "reason", "code": "required", "message": "причина"}]
        )
        await uow.session.execute(
            _PERMIT, {"s": school_id, "t": term_id, "p": person_id, "by": me, "r": reason}
        )

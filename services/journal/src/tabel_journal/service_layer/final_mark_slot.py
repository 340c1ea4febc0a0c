"""What setting and deleting a final mark share: the person's capacity, the mark's period
from its kind, the closed-term lock, and the slot's current row (a student's mark of one kind
in one period and subject)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any
from uuid import UUID

from sqlalchemy.ext.asyncio import AsyncSession

from tabel_journal.adapters import final_mark_rows, term_permits
from tabel_journal.adapters.facts import StudentUnits
from tabel_journal.domain.access import may_change_closed_term
from tabel_journal.service_layer.final_mark_period import (
    Period,
    PeriodRefused,
    TermFacts,
    period_of,
    require_term_for_grade,
)
from tabel_journal.service_layer.final_mark_rights import (
    final_mark_capacity,
    require_subject_of_student,
)
from tabel_journal.service_layer.guards import closed_term_guard, fail_if
from tabel_platform.errors import NotFound
from tabel_platform.i18n import translate


@dataclass(frozen=True)
class SlotRequest:
    student_id: UUID
    subject_id: UUID
    kind: str
    term_id: UUID
    reason: str


@dataclass(frozen=True)
class Slot:
    capacity: str  # "subject_teacher" | "class_teacher"
    units: StudentUnits
    grade: int  # the student's grade level (0: unknown)
    period: Period
    before: dict[str, Any] | None  # the current row; a deleted mark's tombstone too


async def open_slot(
    s: AsyncSession, *, school_id: UUID, person: UUID, request: SlotRequest, setting: bool
) -> Slot:
    """Access, the period, the lock and the slot's row, in this order; `setting`: a new value
    is given, so the subject must be one of the student's."""
    r = request
    capacity, units, who = await final_mark_capacity(
        s, school_id=school_id, person=person, student_id=r.student_id, subject_id=r.subject_id
    )
    grade = await final_mark_rows.grade_level(s, school_id=school_id, class_ids=list(units.classes))
    period = await _period(s, school_id, r.kind, r.term_id, grade, setting=setting)
    if setting and capacity == "class_teacher":
        await require_subject_of_student(
            s, school_id=school_id, student_id=r.student_id, subject_id=r.subject_id, units=units
        )
    if period.lock.closed:
        permitted = await term_permits.held(
            s, school_id=school_id, term_id=period.lock.term_id, person_id=person
        )
        closed_term_guard(permitted=may_change_closed_term(who, permitted), reason=r.reason)
    before = await final_mark_rows.current(
        s,
        school_id=school_id,
        student_id=r.student_id,
        subject_id=r.subject_id,
        kind=r.kind,
        period_id=period.period_id,
    )
    return Slot(capacity, units, grade, period, before)


async def _period(
    s: AsyncSession, school_id: UUID, kind: str, term_id: UUID, grade: int, *, setting: bool
) -> Period:
    """`grade`: the student's grade level (0: unknown). A mark is deleted whatever its term's
    grade levels, so one set before they were known can still be taken back."""
    rows = await final_mark_rows.year_terms(s, school_id=school_id, term_id=term_id)
    if not rows:
        raise NotFound("journal.term_not_found", code="term_not_found")
    terms = [_term_facts(row) for row in rows]
    try:
        if setting:
            require_term_for_grade(kind, terms[0], grade)
        return period_of(kind, terms[0], terms, grade)
    except PeriodRefused as exc:
        message = translate(f"journal.{exc.code}")
        fail_if([{"field": exc.field, "code": exc.code, "message": message}])
        raise


def _term_facts(r: Any) -> TermFacts:
    grades = tuple(r.grade_levels or ()) or None
    return TermFacts(
        r.term_id, r.academic_year_id, r.number, r.starts_on, r.ends_on, r.closed, r.kind, grades
    )


def as_json(row: dict[str, Any]) -> dict[str, Any]:
    """The answer: ids, times and dates as strings (times in ISO 8601, as everywhere else)."""
    return {k: _json_value(v) for k, v in row.items()}


def _json_value(v: Any) -> Any:
    if v is None or isinstance(v, bool | int):
        return v
    if isinstance(v, datetime | date):
        return v.isoformat()
    return str(v)

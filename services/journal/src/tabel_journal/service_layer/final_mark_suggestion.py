"""The suggested final mark: the weighted average of the term's marks and the mark the
school's thresholds make of it."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from tabel_journal.adapters import final_mark_rows
from tabel_journal.domain.grading import Scale, average, suggest, thresholds_for
from tabel_journal.service_layer.diary import _rules
from tabel_journal.service_layer.final_mark_rights import final_mark_capacity
from tabel_journal.service_layer.lesson_journal import _person
from tabel_platform.auth.principal import Principal
from tabel_platform.errors import NotFound
from tabel_platform.runtime import Runtime


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
        await final_mark_capacity(
            s, school_id=school_id, person=person, student_id=student_id, subject_id=subject_id
        )
        if not await final_mark_rows.year_terms(s, school_id=school_id, term_id=term_id):
            raise NotFound("journal.term_not_found", code="term_not_found")
        rows = await final_mark_rows.term_marks(
            s, school_id=school_id, student_id=student_id, subject_id=subject_id, term_id=term_id
        )
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

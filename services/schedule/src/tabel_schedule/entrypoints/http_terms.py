"""REST: closing a term (учебный период), after which it is locked."""

from __future__ import annotations

from datetime import date, datetime
from uuid import UUID

from fastapi import APIRouter
from pydantic import BaseModel

from tabel_platform.http.security import CurrentPrincipal, CurrentSchool
from tabel_platform.runtime import CurrentRuntime
from tabel_schedule.access import Action, authorize
from tabel_schedule.domain.calendar import Term, TermKind
from tabel_schedule.entrypoints.caller import CurrentFacts
from tabel_schedule.service_layer import terms as use_cases


class TermRead(BaseModel):
    id: UUID
    academic_year_id: UUID | None = None
    kind: TermKind
    number: int
    grade_levels: list[int]
    starts_on: date
    ends_on: date
    closed: bool
    closed_at: datetime | None = None

    @classmethod
    def of(cls, t: Term, academic_year_id: UUID | None = None) -> TermRead:
        values = {**t.__dict__, "grade_levels": list(t.grade_levels)}
        return cls(**values, academic_year_id=academic_year_id)


router = APIRouter(prefix="/v1/terms", tags=["calendar"])


@router.post("/{term_id}/close", response_model=TermRead)
async def close_term(
    term_id: UUID,
    principal: CurrentPrincipal,
    facts: CurrentFacts,
    school: CurrentSchool,
    runtime: CurrentRuntime,
) -> TermRead:
    """Close a term: the journal locks its entries; closing it again answers 409."""
    authorize(facts, Action.CLOSE_TERM)
    term, year = await use_cases.close_term(
        runtime=runtime, school_id=school, term_id=term_id, actor=principal.actor()
    )
    return TermRead.of(term, year.id)

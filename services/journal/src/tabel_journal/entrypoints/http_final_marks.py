"""REST: final marks, their suggestion, and management's permits to change closed terms."""

from __future__ import annotations

from typing import Annotated, Any, Literal
from uuid import UUID

from fastapi import APIRouter, Header, status
from pydantic import BaseModel, Field

from tabel_journal.entrypoints.deps import JournalRuntime
from tabel_journal.service_layer import (
    closed_term_permits,
    final_mark_setting,
    final_mark_suggestion,
)
from tabel_platform.http.security import CurrentPrincipal, CurrentSchool

router = APIRouter(prefix="/v1/journal", tags=["final marks"])


class FinalMarkCreate(BaseModel):
    student_id: UUID
    subject_id: UUID
    kind: Literal["term", "half_year", "year", "exam", "final"]
    term_id: UUID = Field(description="The term; for year/exam/final any term of the year")
    value: str = Field(min_length=1, max_length=8)
    reason: str = Field(default="", max_length=1000)


class PermitCreate(BaseModel):
    person_id: UUID
    reason: str = Field(min_length=1, max_length=1000)


@router.put("/final-marks")
async def set_final_mark(
    body: FinalMarkCreate,
    principal: CurrentPrincipal,
    school: CurrentSchool,
    runtime: JournalRuntime,
    idempotency_key: Annotated[str | None, Header(alias="Idempotency-Key", max_length=200)] = None,
) -> dict[str, Any]:
    """Set a student's final mark in a subject (subject teacher or class teacher)."""
    return await final_mark_setting.set_final_mark(
        runtime=runtime,
        school_id=school,
        principal=principal,
        command=final_mark_setting.SetFinalMark(**body.model_dump()),
        idempotency_key=idempotency_key,
        request_payload=body.model_dump(mode="json"),
    )


@router.get("/final-marks/suggestion")
async def suggest_final_mark(
    student_id: UUID,
    subject_id: UUID,
    term_id: UUID,
    principal: CurrentPrincipal,
    school: CurrentSchool,
    runtime: JournalRuntime,
) -> dict[str, Any]:
    """The suggested term mark from the weighted average and the school's rounding thresholds."""
    return await final_mark_suggestion.suggestion(
        runtime=runtime,
        school_id=school,
        principal=principal,
        student_id=student_id,
        subject_id=subject_id,
        term_id=term_id,
    )


@router.post("/terms/{term_id}/permits", status_code=status.HTTP_204_NO_CONTENT)
async def permit_closed_term(
    term_id: UUID,
    body: PermitCreate,
    principal: CurrentPrincipal,
    school: CurrentSchool,
    runtime: JournalRuntime,
) -> None:
    """Allow a teacher to change entries of a closed term (management)."""
    await closed_term_permits.permit_closed_term(
        runtime=runtime,
        school_id=school,
        principal=principal,
        term_id=term_id,
        person_id=body.person_id,
        reason=body.reason,
    )

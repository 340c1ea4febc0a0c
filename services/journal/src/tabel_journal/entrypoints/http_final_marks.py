"""REST: final marks (set, deleted, every version), their suggestion, and management's
permits to change closed terms."""

from __future__ import annotations

from dataclasses import asdict
from typing import Annotated, Any, Literal
from uuid import UUID

from fastapi import APIRouter, Query, status
from pydantic import BaseModel, Field

from tabel_journal.entrypoints.deps import IdempotencyKey, JournalRuntime
from tabel_journal.service_layer import (
    closed_term_permits,
    final_mark_deletion,
    final_mark_history,
    final_mark_setting,
    final_mark_suggestion,
)
from tabel_platform.http.security import CurrentPrincipal, CurrentSchool

router = APIRouter(prefix="/v1/journal", tags=["final marks"])
Kind = Literal["term", "half_year", "year", "exam", "final"]
TERM_DOC = "The term; for a year, exam or final mark any term of the year"


class FinalMarkCreate(BaseModel):
    student_id: UUID
    subject_id: UUID
    kind: Kind
    term_id: UUID = Field(description=TERM_DOC)
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
    idempotency_key: IdempotencyKey = None,
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


@router.delete("/final-marks")
async def delete_final_mark(
    student_id: UUID,
    subject_id: UUID,
    kind: Kind,
    term_id: Annotated[UUID, Query(description=TERM_DOC)],
    reason: Annotated[str, Query(max_length=1000)],
    principal: CurrentPrincipal,
    school: CurrentSchool,
    runtime: JournalRuntime,
    idempotency_key: IdempotencyKey = None,
) -> dict[str, Any]:
    """Delete a student's final mark with a reason (who may set it); kept in the history."""
    command = final_mark_deletion.DeleteFinalMark(student_id, subject_id, kind, term_id, reason)
    return await final_mark_deletion.delete_final_mark(
        runtime=runtime,
        school_id=school,
        principal=principal,
        command=command,
        idempotency_key=idempotency_key,
        request_payload={"action": "delete", **asdict(command)},
    )


@router.get("/final-marks/history")
async def final_mark_versions(
    student_id: UUID,
    subject_id: UUID,
    principal: CurrentPrincipal,
    school: CurrentSchool,
    runtime: JournalRuntime,
) -> dict[str, Any]:
    """Every version of a student's final marks in a subject (staff who may see them)."""
    return await final_mark_history.final_mark_history(
        runtime=runtime,
        school_id=school,
        principal=principal,
        student_id=student_id,
        subject_id=subject_id,
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

"""REST: the class teacher's correction of absence reasons; the import of paper records."""

from __future__ import annotations

from typing import Any, Literal
from uuid import UUID

from fastapi import APIRouter, Request
from pydantic import BaseModel, Field

from tabel_journal.entrypoints.deps import IdempotencyKey, JournalRuntime
from tabel_journal.service_layer import absence_reasons, paper_import
from tabel_platform.errors import InvalidInput
from tabel_platform.http.security import CurrentPrincipal, CurrentSchool

router = APIRouter(prefix="/v1/journal/lessons", tags=["attendance"])
MAX_CSV_BYTES = 5 * 1024 * 1024


class AbsenceReasonUpdate(BaseModel):
    status: Literal["absent", "ill", "excused"]
    reason: str = Field(default="", max_length=500)
    note: str = Field(default="", max_length=1000, description="Why it is corrected")


@router.patch("/{lesson_id}/attendance/{student_id}/reason")
async def correct_absence_reason(
    lesson_id: UUID,
    student_id: UUID,
    body: AbsenceReasonUpdate,
    principal: CurrentPrincipal,
    school: CurrentSchool,
    runtime: JournalRuntime,
    idempotency_key: IdempotencyKey = None,
) -> dict[str, Any]:
    """Correct the kind and reason of a student's absence (the class teacher)."""
    return await absence_reasons.correct_reason(
        runtime=runtime,
        school_id=school,
        principal=principal,
        lesson_id=lesson_id,
        student_id=student_id,
        **body.model_dump(),
        idempotency_key=idempotency_key,
        request_payload={"lesson": lesson_id, "student": student_id, **body.model_dump()},
    )


import_router = APIRouter(prefix="/v1/journal/imports", tags=["imports"])


@import_router.post("/paper-journal")
async def import_paper_journal(
    request: Request, principal: CurrentPrincipal, school: CurrentSchool, runtime: JournalRuntime
) -> dict[str, Any]:
    """Carry marks and attendance kept on paper during an outage in from a CSV file."""
    data = await request.body()
    if len(data) > MAX_CSV_BYTES:
        raise InvalidInput("journal.import_too_large", code="import_too_large")
    return await paper_import.import_paper_journal(
        runtime=runtime, school_id=school, principal=principal, data=data
    )

"""REST: students' submissions of homework, their check and mark."""

from __future__ import annotations

from typing import Any, Literal
from uuid import UUID

from fastapi import APIRouter, status
from pydantic import BaseModel, Field

from tabel_journal.entrypoints.deps import IdempotencyKey, JournalRuntime
from tabel_journal.service_layer import (
    homework_reads,
    submission_handing_in,
    submission_marking,
    submission_review,
)
from tabel_platform.http.security import CurrentPrincipal, CurrentSchool

router = APIRouter(prefix="/v1/journal", tags=["homework"])


class SubmissionCreate(BaseModel):
    text: str = Field(default="", max_length=20000)
    attachment_ids: list[UUID] = Field(default_factory=list, max_length=20)


class SubmissionUpdate(BaseModel):
    decision: Literal["checked", "returned"]
    comment: str = Field(default="", max_length=2000)


class SubmissionMarkCreate(BaseModel):
    value: str = Field(min_length=1, max_length=8)
    work_type: str = Field(default="homework", min_length=1, max_length=40)
    comment: str = Field(default="", max_length=1000)
    reason: str = Field(
        default="", max_length=1000, description="Required when the lesson's term is closed"
    )


@router.get("/homework/{homework_id}/submissions")
async def list_submissions(
    homework_id: UUID, principal: CurrentPrincipal, school: CurrentSchool, runtime: JournalRuntime
) -> dict[str, Any]:
    """Each student's status (assigned, submitted, checked, returned) and log of actions."""
    return await homework_reads.submissions_of(
        runtime=runtime, school_id=school, principal=principal, homework_id=homework_id
    )


@router.put("/homework/{homework_id}/submissions/{student_id}")
async def submit_homework(
    homework_id: UUID,
    student_id: UUID,
    body: SubmissionCreate,
    principal: CurrentPrincipal,
    school: CurrentSchool,
    runtime: JournalRuntime,
    idempotency_key: IdempotencyKey = None,
) -> dict[str, Any]:
    """Hand in homework: text and files (the student themself)."""
    return await submission_handing_in.submit(
        runtime=runtime,
        school_id=school,
        principal=principal,
        command=submission_handing_in.SubmitHomework(
            homework_id=homework_id, student_id=student_id, **body.model_dump()
        ),
        idempotency_key=idempotency_key,
        request_payload={
            "submit": str(homework_id),
            "student": str(student_id),
            **body.model_dump(mode="json"),
        },
    )


@router.post("/homework/{homework_id}/submissions/{student_id}/review")
async def review_submission(
    homework_id: UUID,
    student_id: UUID,
    body: SubmissionUpdate,
    principal: CurrentPrincipal,
    school: CurrentSchool,
    runtime: JournalRuntime,
    idempotency_key: IdempotencyKey = None,
) -> dict[str, Any]:
    """Check a submission or return it to the student for rework (the lesson's teacher)."""
    return await submission_review.review(
        runtime=runtime,
        school_id=school,
        principal=principal,
        command=submission_review.ReviewSubmission(
            homework_id=homework_id, student_id=student_id, **body.model_dump()
        ),
        idempotency_key=idempotency_key,
        request_payload={
            "review": str(homework_id),
            "student": str(student_id),
            **body.model_dump(mode="json"),
        },
    )


@router.post(
    "/homework/{homework_id}/submissions/{student_id}/mark", status_code=status.HTTP_200_OK
)
async def mark_submission(
    homework_id: UUID,
    student_id: UUID,
    body: SubmissionMarkCreate,
    principal: CurrentPrincipal,
    school: CurrentSchool,
    runtime: JournalRuntime,
) -> dict[str, Any]:
    """Turn a checked submission into a mark in the journal."""
    return await submission_marking.mark(
        runtime=runtime,
        school_id=school,
        principal=principal,
        command=submission_marking.MarkSubmission(
            homework_id=homework_id, student_id=student_id, **body.model_dump()
        ),
    )

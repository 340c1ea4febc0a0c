"""REST: homework of a lesson, students' submissions, their check and mark."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any, Literal
from uuid import UUID

from fastapi import APIRouter, Header, status
from pydantic import BaseModel, Field

from tabel_journal.entrypoints.deps import JournalRuntime
from tabel_journal.service_layer import homework, homework_reads, submissions
from tabel_platform.http.security import CurrentPrincipal, CurrentSchool

router = APIRouter(prefix="/v1/journal", tags=["homework"])
IdempotencyKey = Annotated[str | None, Header(alias="Idempotency-Key", max_length=200)]


class HomeworkCreate(BaseModel):
    text: str = Field(min_length=1, max_length=5000)
    scope: Literal["class_wide", "individual"] = "class_wide"
    student_ids: list[UUID] = Field(default_factory=list, max_length=200)
    due_on: date | None = None
    due_lesson_id: UUID | None = None
    submission_required: bool = False
    attachment_ids: list[UUID] = Field(default_factory=list, max_length=20)
    reason: str = Field(default="", max_length=1000)


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


@router.put("/lessons/{lesson_id}/homework/{homework_id}")
async def assign_homework(
    lesson_id: UUID,
    homework_id: UUID,
    body: HomeworkCreate,
    principal: CurrentPrincipal,
    school: CurrentSchool,
    runtime: JournalRuntime,
    idempotency_key: IdempotencyKey = None,
) -> dict[str, Any]:
    """Give (or change) class-wide or individual homework at a lesson."""
    return await homework.assign_homework(
        runtime=runtime,
        school_id=school,
        principal=principal,
        command=homework.AssignHomework(
            lesson_id=lesson_id, homework_id=homework_id, **body.model_dump()
        ),
        idempotency_key=idempotency_key,
        request_payload={"homework": str(homework_id), **body.model_dump(mode="json")},
    )


@router.delete("/lessons/{lesson_id}/homework/{homework_id}", status_code=204)
async def remove_homework(
    lesson_id: UUID,
    homework_id: UUID,
    reason: str,
    principal: CurrentPrincipal,
    school: CurrentSchool,
    runtime: JournalRuntime,
) -> None:
    """Withdraw homework (the reason is kept in the history)."""
    await homework.remove_homework(
        runtime=runtime,
        school_id=school,
        principal=principal,
        lesson_id=lesson_id,
        homework_id=homework_id,
        reason=reason,
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
) -> dict[str, Any]:
    """Hand in homework: text and files (the student themself)."""
    return await submissions.submit(
        runtime=runtime,
        school_id=school,
        principal=principal,
        command=submissions.SubmitHomework(
            homework_id=homework_id, student_id=student_id, **body.model_dump()
        ),
    )


@router.post("/homework/{homework_id}/submissions/{student_id}/review")
async def review_submission(
    homework_id: UUID,
    student_id: UUID,
    body: SubmissionUpdate,
    principal: CurrentPrincipal,
    school: CurrentSchool,
    runtime: JournalRuntime,
) -> dict[str, Any]:
    """Check a submission or return it to the student for rework (the lesson's teacher)."""
    return await submissions.review(
        runtime=runtime,
        school_id=school,
        principal=principal,
        command=submissions.ReviewSubmission(
            homework_id=homework_id, student_id=student_id, **body.model_dump()
        ),
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
    return await submissions.mark(
        runtime=runtime,
        school_id=school,
        principal=principal,
        command=submissions.MarkSubmission(
            homework_id=homework_id, student_id=student_id, **body.model_dump()
        ),
    )

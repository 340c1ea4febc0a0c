"""REST: homework of a lesson, given, changed or withdrawn by its teacher."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any, Literal
from uuid import UUID

from fastapi import APIRouter, Query
from pydantic import BaseModel, Field

from tabel_journal.entrypoints.deps import IdempotencyKey, JournalRuntime
from tabel_journal.service_layer import homework_assignment, homework_command, homework_removal
from tabel_platform.http.security import CurrentPrincipal, CurrentSchool

router = APIRouter(prefix="/v1/journal", tags=["homework"])


class HomeworkCreate(BaseModel):
    text: str = Field(min_length=1, max_length=5000)
    scope: Literal["class_wide", "individual"] = "class_wide"
    student_ids: list[UUID] = Field(default_factory=list, max_length=200)
    due_on: date | None = None
    due_lesson_id: UUID | None = None
    submission_required: bool = False
    attachment_ids: list[UUID] = Field(default_factory=list, max_length=20)
    reason: str = Field(default="", max_length=1000)


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
    return await homework_assignment.assign_homework(
        runtime=runtime,
        school_id=school,
        principal=principal,
        command=homework_command.AssignHomework(
            lesson_id=lesson_id, homework_id=homework_id, **body.model_dump()
        ),
        idempotency_key=idempotency_key,
        request_payload={"homework": str(homework_id), **body.model_dump(mode="json")},
    )


@router.delete("/lessons/{lesson_id}/homework/{homework_id}", status_code=204)
async def remove_homework(
    lesson_id: UUID,
    homework_id: UUID,
    reason: Annotated[str, Query(max_length=1000)],
    principal: CurrentPrincipal,
    school: CurrentSchool,
    runtime: JournalRuntime,
    idempotency_key: IdempotencyKey = None,
) -> None:
    """Withdraw homework (the reason is kept in the history); withdrawn already: no change."""
    await homework_removal.remove_homework(
        runtime=runtime,
        school_id=school,
        principal=principal,
        lesson_id=lesson_id,
        homework_id=homework_id,
        reason=reason,
        idempotency_key=idempotency_key,
        request_payload={"remove": str(homework_id), "lesson": str(lesson_id), "reason": reason},
    )

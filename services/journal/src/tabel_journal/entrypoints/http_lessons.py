"""REST: a lesson's journal — the save of the whole class in one request, reads, history."""

from __future__ import annotations

from typing import Any, Literal
from uuid import UUID

import orjson
from fastapi import APIRouter
from fastapi.responses import Response
from pydantic import BaseModel, Field

from tabel_journal.entrypoints.deps import IdempotencyKey, JournalRuntime
from tabel_journal.service_layer import lesson_reads
from tabel_journal.service_layer.lesson_journal import (
    AttendanceInput,
    MarkInput,
    SaveLessonJournal,
    save_lesson_journal,
)
from tabel_platform.http.security import CurrentPrincipal, CurrentSchool

router = APIRouter(prefix="/v1/journal/lessons", tags=["lessons"])


class MarkWrite(BaseModel):
    id: UUID = Field(description="Made by the client, so a retry never duplicates the mark")
    student_id: UUID
    value: str = Field(min_length=1, max_length=8)
    work_type: str = Field(min_length=1, max_length=40)
    comment: str = Field(default="", max_length=1000)


class AttendanceWrite(BaseModel):
    student_id: UUID
    status: Literal["present", "absent", "ill", "excused", "late"]
    late_minutes: int = Field(default=0, ge=0, le=300)
    reason: str = Field(default="", max_length=500)


class LessonJournalUpdate(BaseModel):
    topic: str | None = Field(default=None, max_length=1000)
    work_types: list[str] | None = Field(default=None, max_length=20)
    marks: list[MarkWrite] = Field(default_factory=list, max_length=400)
    attendance: list[AttendanceWrite] = Field(default_factory=list, max_length=200)
    deleted_mark_ids: list[UUID] = Field(default_factory=list, max_length=400)
    reason: str = Field(default="", max_length=1000)
    attendance_taken: bool = Field(
        default=False,
        description="Attendance was taken, also when everyone is present (no rows to send)",
    )
    plan_item_id: UUID | None = Field(
        default=None,
        description="The thematic plan's item the lesson covers; an empty topic takes its "
        "topic. Left out: the stored one stays; null: the record names none",
    )


@router.put("/{lesson_id}/journal")
async def save_lesson(
    lesson_id: UUID,
    body: LessonJournalUpdate,
    principal: CurrentPrincipal,
    school: CurrentSchool,
    runtime: JournalRuntime,
    idempotency_key: IdempotencyKey = None,
) -> Response:
    """Save a lesson's topic, marks and attendance for the whole class in one transaction.

    Answers the lesson's journal after the save."""
    command = SaveLessonJournal(
        lesson_id=lesson_id,
        topic=body.topic,
        work_types=body.work_types,
        marks=[MarkInput(m.id, m.student_id, m.value, m.work_type, m.comment) for m in body.marks],
        attendance=[
            AttendanceInput(a.student_id, a.status, a.late_minutes, a.reason)
            for a in body.attendance
        ],
        deleted_mark_ids=body.deleted_mark_ids,
        reason=body.reason,
        attendance_taken=body.attendance_taken,
        plan_item_id=body.plan_item_id,
        plan_item_set="plan_item_id" in body.model_fields_set,
    )
    # Left out of the payload when not sent, so a retry's key matches as before plans existed.
    unset = set() if "plan_item_id" in body.model_fields_set else {"plan_item_id"}
    saved = await save_lesson_journal(
        runtime=runtime,
        school_id=school,
        principal=principal,
        command=command,
        idempotency_key=idempotency_key,
        request_payload={"lesson": lesson_id, **body.model_dump(exclude=unset)},
    )
    return Response(orjson.dumps(saved), media_type="application/json")


@router.get("/{lesson_id}/journal")
async def get_lesson(
    lesson_id: UUID, principal: CurrentPrincipal, school: CurrentSchool, runtime: JournalRuntime
) -> dict[str, Any]:
    """A lesson's journal: record, marks, attendance, the class list and the scale."""
    return await lesson_reads.read_lesson(
        runtime=runtime, school_id=school, principal=principal, lesson_id=lesson_id
    )


@router.get("/{lesson_id}/history")
async def get_lesson_history(
    lesson_id: UUID, principal: CurrentPrincipal, school: CurrentSchool, runtime: JournalRuntime
) -> dict[str, Any]:
    """Every version of the lesson's record, marks and attendance: who, when, before, after, why."""
    return await lesson_reads.read_lesson(
        runtime=runtime,
        school_id=school,
        principal=principal,
        lesson_id=lesson_id,
        with_history=True,
    )

"""REST: the diary of a student, for the student, their guardians, class teacher, management."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any
from uuid import UUID

from fastapi import APIRouter
from fastapi.responses import Response

from tabel_journal.entrypoints.deps import JournalRuntime
from tabel_journal.service_layer import diary, homework_reads
from tabel_platform.http.security import CurrentPrincipal, CurrentSchool

router = APIRouter(prefix="/v1/journal/diary", tags=["diary"])


@router.get("/{student_id}/week")
async def diary_week(
    student_id: UUID,
    principal: CurrentPrincipal,
    school: CurrentSchool,
    runtime: JournalRuntime,
    on: date | None = None,
) -> Response:
    """A student's week: lessons with changes, topics, homework, marks, attendance."""
    doc = await diary.week_json(
        runtime=runtime,
        school_id=school,
        principal=principal,
        student_id=student_id,
        on=on or date.today(),
    )
    return Response(doc, media_type="application/json")


@router.get("/{student_id}/terms/{term_id}")
async def diary_term(
    student_id: UUID,
    term_id: UUID,
    principal: CurrentPrincipal,
    school: CurrentSchool,
    runtime: JournalRuntime,
) -> dict[str, Any]:
    """Marks by subject in a term: average, weighted average, final marks and the forecast."""
    return await diary.term_summary(
        runtime=runtime,
        school_id=school,
        principal=principal,
        student_id=student_id,
        term_id=term_id,
    )


@router.get("/{student_id}/homework")
async def diary_homework(
    student_id: UUID,
    principal: CurrentPrincipal,
    school: CurrentSchool,
    runtime: JournalRuntime,
    start: date | None = None,
    end: date | None = None,
) -> dict[str, Any]:
    """A student's homework to do and done (given in the dates; the last four weeks by default)."""
    today = date.today()
    return await homework_reads.student_homework(
        runtime=runtime,
        school_id=school,
        principal=principal,
        student_id=student_id,
        start=start or today - timedelta(days=28),
        end=end or today + timedelta(days=7),
        today=today,
    )

"""REST: the diary of a student, for the student, their guardians, class teacher, management."""

from __future__ import annotations

from datetime import date
from typing import Any
from uuid import UUID

from fastapi import APIRouter

from tabel_journal.service_layer import diary
from tabel_platform.http.security import CurrentPrincipal, CurrentSchool
from tabel_platform.runtime import CurrentRuntime

router = APIRouter(prefix="/v1/journal/diary", tags=["diary"])


@router.get("/{student_id}/week")
async def diary_week(
    student_id: UUID,
    principal: CurrentPrincipal,
    school: CurrentSchool,
    runtime: CurrentRuntime,
    on: date | None = None,
) -> dict[str, Any]:
    """A student's week: lessons with changes, topics, homework, marks, attendance."""
    return await diary.week(
        runtime=runtime,
        school_id=school,
        principal=principal,
        student_id=student_id,
        on=on or date.today(),
    )


@router.get("/{student_id}/terms/{term_id}")
async def diary_term(
    student_id: UUID,
    term_id: UUID,
    principal: CurrentPrincipal,
    school: CurrentSchool,
    runtime: CurrentRuntime,
) -> dict[str, Any]:
    """Marks by subject in a term: average, weighted average, final marks and the forecast."""
    return await diary.term_summary(
        runtime=runtime,
        school_id=school,
        principal=principal,
        student_id=student_id,
        term_id=term_id,
    )

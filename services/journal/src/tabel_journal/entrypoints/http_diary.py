"""REST: the diary of a student, for the student, their guardians, class teacher, management.

The week's cache hits are answered ahead of FastAPI's routing (http_diary_hits.py); this
endpoint answers the rest: misses, refusals and malformed requests.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Annotated, Any
from uuid import UUID

from fastapi import APIRouter, Query
from fastapi.responses import Response

from tabel_journal.domain.journal_years import FIRST_DAY, LAST_DAY
from tabel_journal.entrypoints.deps import Reader
from tabel_journal.service_layer import diary, homework_reads

router = APIRouter(prefix="/v1/journal/diary", tags=["diary"])
WeekDay = Annotated[
    date | None,
    Query(ge=FIRST_DAY, le=LAST_DAY, description="A day of the week; today when not given"),
]


@router.get("/{student_id}/week")
async def diary_week(student_id: UUID, reader: Reader, on: WeekDay = None) -> Response:
    """A student's week: lessons with changes, topics, homework, marks, attendance."""
    doc = await diary.week_json(
        runtime=reader.runtime,
        school_id=reader.school_id,
        principal=reader.principal,
        student_id=student_id,
        on=on or date.today(),
    )
    return Response(doc, media_type="application/json")


@router.get("/{student_id}/terms/{term_id}")
async def diary_term(student_id: UUID, term_id: UUID, reader: Reader) -> dict[str, Any]:
    """Marks by subject in a term: average, weighted average, final marks and the forecast."""
    return await diary.term_summary(
        runtime=reader.runtime,
        school_id=reader.school_id,
        principal=reader.principal,
        student_id=student_id,
        term_id=term_id,
    )


@router.get("/{student_id}/homework")
async def diary_homework(
    student_id: UUID, reader: Reader, start: date | None = None, end: date | None = None
) -> dict[str, Any]:
    """A student's homework to do and done (given in the dates; the last four weeks by default)."""
    today = date.today()
    return await homework_reads.student_homework(
        runtime=reader.runtime,
        school_id=reader.school_id,
        principal=reader.principal,
        student_id=student_id,
        start=start or today - timedelta(days=28),
        end=end or today + timedelta(days=7),
        today=today,
    )

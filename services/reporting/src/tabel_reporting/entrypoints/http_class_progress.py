"""REST: a class's progress for a term, as JSON, CSV, XLSX or PDF."""

from __future__ import annotations

from datetime import UTC, datetime
from uuid import UUID

from fastapi import APIRouter, Query, Response
from pydantic import BaseModel

from tabel_platform.http.security import CurrentPrincipal, CurrentSchool
from tabel_platform.runtime import CurrentRuntime
from tabel_reporting.adapters.render import Format
from tabel_reporting.domain.class_progress import ClassProgress
from tabel_reporting.domain.class_progress_document import class_progress_document
from tabel_reporting.domain.progress import FORMULAS
from tabel_reporting.entrypoints.documents import document_response
from tabel_reporting.entrypoints.schemas import CountsRead, RatesRead
from tabel_reporting.service_layer.class_progress import class_progress


class SubjectProgressRead(BaseModel):
    subject_id: UUID
    subject_name: str
    rates: RatesRead
    counts: CountsRead


class StudentResultRead(BaseModel):
    subject_id: UUID
    outcome: str
    grade: int | None
    forecast: bool


class StudentProgressRead(BaseModel):
    student_id: UUID
    name: str
    results: list[StudentResultRead]
    average_mark: float | None
    lessons_missed: int
    lessons_missed_excused: int


class ClassProgressRead(BaseModel):
    class_id: UUID
    class_name: str
    term_id: UUID
    term_name: str
    total: RatesRead
    attendance_rate: float | None
    subjects: list[SubjectProgressRead]
    students: list[StudentProgressRead]
    formulas: list[str]
    as_of: datetime | None

    @classmethod
    def of(
        cls, report: ClassProgress, *, class_id: UUID, term_id: UUID, as_of: datetime | None
    ) -> ClassProgressRead:
        return cls(
            class_id=class_id,
            class_name=report.class_name,
            term_id=term_id,
            term_name=report.term_name,
            total=RatesRead.of(report.total),
            attendance_rate=report.attendance_rate,
            formulas=list(FORMULAS),
            as_of=as_of,
            subjects=[
                SubjectProgressRead(
                    subject_id=s.subject.id,
                    subject_name=s.subject.name,
                    rates=RatesRead.of(s.rates),
                    counts=CountsRead.of(s.counts),
                )
                for s in report.subjects
            ],
            students=[
                StudentProgressRead(
                    student_id=s.student.id,
                    name=s.student.name,
                    average_mark=s.average_mark,
                    lessons_missed=s.lessons_missed,
                    lessons_missed_excused=s.lessons_missed_excused,
                    results=[
                        StudentResultRead(
                            subject_id=sid,
                            outcome=r.outcome.value,
                            grade=r.grade,
                            forecast=r.forecast,
                        )
                        for sid, r in s.results.items()
                    ],
                )
                for s in report.students
            ],
        )


router = APIRouter(prefix="/v1/reporting/classes", tags=["class reports"])


@router.get("/{class_id}/progress", response_model=ClassProgressRead)
async def get_class_progress(
    class_id: UUID,
    principal: CurrentPrincipal,
    school_id: CurrentSchool,
    runtime: CurrentRuntime,
    term_id: UUID = Query(),
    format: Format = Query(Format.JSON),
) -> ClassProgressRead | Response:
    """A class's term progress: pass rate, quality, СОУ, average (class teacher, management)."""
    report, as_of = await class_progress(
        runtime=runtime,
        principal=principal,
        school_id=school_id,
        class_id=class_id,
        term_id=term_id,
        today=datetime.now(UTC).date(),
    )
    if format is Format.JSON:
        return ClassProgressRead.of(report, class_id=class_id, term_id=term_id, as_of=as_of)
    return document_response(
        class_progress_document(report, as_of), format, f"progress-{report.class_name}"
    )

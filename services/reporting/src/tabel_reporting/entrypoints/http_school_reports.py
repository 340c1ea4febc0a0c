"""REST: the school's reports, each as JSON, CSV, XLSX or PDF (`format`)."""

from __future__ import annotations

from datetime import UTC, date, datetime
from uuid import UUID

from fastapi import APIRouter, Query, Response

from tabel_platform.http.security import CurrentPrincipal, CurrentSchool
from tabel_platform.runtime import CurrentRuntime
from tabel_reporting.adapters.render import Format
from tabel_reporting.entrypoints.document_read import DocumentRead, answer
from tabel_reporting.service_layer import activity, class_reports, student_reports, timeliness
from tabel_reporting.service_layer.report_access import PeriodRef

router = APIRouter(prefix="/v1/reporting", tags=["school reports"])
Fmt = Query(Format.JSON)


@router.get("/classes/{class_id}/attendance", response_model=DocumentRead)
async def class_attendance(
    class_id: UUID,
    principal: CurrentPrincipal,
    school_id: CurrentSchool,
    runtime: CurrentRuntime,
    term_id: UUID | None = None,
    academic_year_id: UUID | None = None,
    format: Format = Fmt,
) -> DocumentRead | Response:
    """Absences by reason per student and subject (class teacher, management)."""
    doc = await class_reports.attendance_by_reason(
        runtime=runtime,
        principal=principal,
        school_id=school_id,
        class_id=class_id,
        period=PeriodRef(term_id, academic_year_id),
    )
    return answer(doc, format, "attendance")  # type: ignore[no-any-return]


@router.get("/classes/{class_id}/journal", response_model=DocumentRead)
async def printable_journal(
    class_id: UUID,
    principal: CurrentPrincipal,
    school_id: CurrentSchool,
    runtime: CurrentRuntime,
    term_id: UUID | None = None,
    academic_year_id: UUID | None = None,
    format: Format = Fmt,
) -> DocumentRead | Response:
    """The class journal of a term or year for the paper archive (class teacher, management)."""
    doc = await class_reports.class_journal(
        runtime=runtime,
        principal=principal,
        school_id=school_id,
        class_id=class_id,
        period=PeriodRef(term_id, academic_year_id),
    )
    return answer(doc, format, "journal")  # type: ignore[no-any-return]


@router.get("/classes/{class_id}/at-risk", response_model=DocumentRead)
async def at_risk(
    class_id: UUID,
    principal: CurrentPrincipal,
    school_id: CurrentSchool,
    runtime: CurrentRuntime,
    term_id: UUID = Query(),
    format: Format = Fmt,
) -> DocumentRead | Response:
    """Students forecast to fail the term or missing more and more lessons (class teacher)."""
    doc = await class_reports.students_at_risk(
        runtime=runtime,
        principal=principal,
        school_id=school_id,
        class_id=class_id,
        term_id=term_id,
        today=datetime.now(UTC).date(),
    )
    return answer(doc, format, "at-risk")  # type: ignore[no-any-return]


@router.get("/classes/{class_id}/timeliness", response_model=DocumentRead)
async def class_timeliness(
    class_id: UUID,
    principal: CurrentPrincipal,
    school_id: CurrentSchool,
    runtime: CurrentRuntime,
    since: date = Query(),
    until: date = Query(),
    format: Format = Fmt,
) -> DocumentRead | Response:
    """Late journal entries in the class per teacher and month (class teacher, management)."""
    doc = await timeliness.class_timeliness(
        runtime=runtime,
        principal=principal,
        school_id=school_id,
        class_id=class_id,
        since=since,
        until=until,
    )
    return answer(doc, format, "timeliness")  # type: ignore[no-any-return]


@router.get("/students/{student_id}/report-card", response_model=DocumentRead)
async def report_card(
    student_id: UUID,
    principal: CurrentPrincipal,
    school_id: CurrentSchool,
    runtime: CurrentRuntime,
    term_id: UUID | None = None,
    academic_year_id: UUID | None = None,
    format: Format = Fmt,
) -> DocumentRead | Response:
    """A student's report card for a term or the year (class teacher, management)."""
    doc = await student_reports.report_card(
        runtime=runtime,
        principal=principal,
        school_id=school_id,
        student_id=student_id,
        period=PeriodRef(term_id, academic_year_id),
    )
    return answer(doc, format, "report-card")  # type: ignore[no-any-return]


@router.get("/students/{student_id}/weekly", response_model=DocumentRead)
async def weekly_printout(
    student_id: UUID,
    principal: CurrentPrincipal,
    school_id: CurrentSchool,
    runtime: CurrentRuntime,
    week_of: date = Query(),
    format: Format = Fmt,
) -> DocumentRead | Response:
    """A week's marks and absences on paper for guardians without the diary (class teacher)."""
    doc = await student_reports.weekly_marks(
        runtime=runtime,
        principal=principal,
        school_id=school_id,
        student_id=student_id,
        week_of=week_of,
    )
    return answer(doc, format, "weekly")  # type: ignore[no-any-return]


@router.get("/school/timeliness", response_model=DocumentRead)
async def teachers_timeliness(
    principal: CurrentPrincipal,
    school_id: CurrentSchool,
    runtime: CurrentRuntime,
    since: date = Query(),
    until: date = Query(),
    format: Format = Fmt,
) -> DocumentRead | Response:
    """Late journal entries per teacher and month (management)."""
    doc = await timeliness.teachers_timeliness(
        runtime=runtime, principal=principal, school_id=school_id, since=since, until=until
    )
    return answer(doc, format, "timeliness")  # type: ignore[no-any-return]


@router.get("/school/activity", response_model=DocumentRead)
async def user_activity(
    principal: CurrentPrincipal,
    school_id: CurrentSchool,
    runtime: CurrentRuntime,
    month: date = Query(description="any day of the month"),
    format: Format = Fmt,
) -> DocumentRead | Response:
    """Logins and journal actions per person and role in a month (management; seed 004 3.2.1)."""
    doc = await activity.user_activity(
        runtime=runtime, principal=principal, school_id=school_id, month=month
    )
    return answer(doc, format, "activity")  # type: ignore[no-any-return]

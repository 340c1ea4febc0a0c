"""gRPC: the school's reports as documents (JSON as REST gives it, or CSV, XLSX, PDF), with
the access rules of REST: the same use cases decide."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING

from tabel.reporting.v1 import reporting_service_pb2 as pb
from tabel_platform.runtime import Runtime
from tabel_reporting.adapters.render import Format, render
from tabel_reporting.domain.document import Document
from tabel_reporting.entrypoints.document_read import DocumentRead
from tabel_reporting.entrypoints.grpc_values import (
    caller,
    date_field,
    optional_uuid,
    school_of,
    uuid_field,
)
from tabel_reporting.service_layer import activity, class_reports, student_reports, timeliness
from tabel_reporting.service_layer.report_access import PeriodRef

if TYPE_CHECKING:
    import grpc

    Context = grpc.aio.ServicerContext[object, object]

FORMATS = {
    pb.REPORT_FORMAT_UNSPECIFIED: Format.JSON,
    pb.REPORT_FORMAT_JSON: Format.JSON,
    pb.REPORT_FORMAT_CSV: Format.CSV,
    pb.REPORT_FORMAT_XLSX: Format.XLSX,
    pb.REPORT_FORMAT_PDF: Format.PDF,
}


def document(doc: Document, fmt: pb.ReportFormat.ValueType, name: str) -> pb.ReportDocument:
    chosen = FORMATS.get(fmt, Format.JSON)
    if chosen is Format.JSON:
        body = DocumentRead.of(doc).model_dump_json().encode()
        content, content_type = body, "application/json"
    else:
        content, content_type = render(doc, chosen)
    return pb.ReportDocument(
        content=content, content_type=content_type, filename=f"{name}.{chosen.value}"
    )


def _period(request: pb.ClassReportRequest | pb.StudentReportRequest) -> PeriodRef:
    return PeriodRef(
        optional_uuid(request.term_id, "term_id"),
        optional_uuid(request.academic_year_id, "academic_year_id"),
    )


class SchoolReportsServicer:
    _rt: Runtime

    async def ClassAttendance(
        self, request: pb.ClassReportRequest, context: Context
    ) -> pb.ReportDocument:
        principal = caller()
        doc = await class_reports.attendance_by_reason(
            runtime=self._rt, principal=principal,
            school_id=school_of(principal, request.school_id),
            class_id=uuid_field(request.class_id, "class_id"), period=_period(request),
        )  # fmt: skip
        return document(doc, request.format, "attendance")

    async def PrintableJournal(
        self, request: pb.ClassReportRequest, context: Context
    ) -> pb.ReportDocument:
        principal = caller()
        doc = await class_reports.class_journal(
            runtime=self._rt, principal=principal,
            school_id=school_of(principal, request.school_id),
            class_id=uuid_field(request.class_id, "class_id"), period=_period(request),
        )  # fmt: skip
        return document(doc, request.format, "journal")

    async def StudentsAtRisk(
        self, request: pb.ClassReportRequest, context: Context
    ) -> pb.ReportDocument:
        principal = caller()
        doc = await class_reports.students_at_risk(
            runtime=self._rt, principal=principal,
            school_id=school_of(principal, request.school_id),
            class_id=uuid_field(request.class_id, "class_id"),
            term_id=uuid_field(request.term_id, "term_id"), today=datetime.now(UTC).date(),
        )  # fmt: skip
        return document(doc, request.format, "at-risk")

    async def ReportCard(
        self, request: pb.StudentReportRequest, context: Context
    ) -> pb.ReportDocument:
        principal = caller()
        doc = await student_reports.report_card(
            runtime=self._rt, principal=principal,
            school_id=school_of(principal, request.school_id),
            student_id=uuid_field(request.student_id, "student_id"), period=_period(request),
        )  # fmt: skip
        return document(doc, request.format, "report-card")

    async def WeeklyPrintout(
        self, request: pb.WeeklyPrintoutRequest, context: Context
    ) -> pb.ReportDocument:
        principal = caller()
        doc = await student_reports.weekly_marks(
            runtime=self._rt, principal=principal,
            school_id=school_of(principal, request.school_id),
            student_id=uuid_field(request.student_id, "student_id"),
            week_of=date_field(request.week_of, "week_of"),
        )  # fmt: skip
        return document(doc, request.format, "weekly")

    async def TeachersTimeliness(
        self, request: pb.TeachersTimelinessRequest, context: Context
    ) -> pb.ReportDocument:
        principal = caller()
        doc = await timeliness.teachers_timeliness(
            runtime=self._rt, principal=principal,
            school_id=school_of(principal, request.school_id),
            since=date_field(request.dates.start, "dates.start"),
            until=date_field(request.dates.end, "dates.end"),
        )  # fmt: skip
        return document(doc, request.format, "timeliness")

    async def UserActivity(
        self, request: pb.UserActivityRequest, context: Context
    ) -> pb.ReportDocument:
        principal = caller()
        doc = await activity.user_activity(
            runtime=self._rt, principal=principal,
            school_id=school_of(principal, request.school_id),
            month=date_field(request.month, "month"),
        )  # fmt: skip
        return document(doc, request.format, "activity")

"""gRPC ReportingService: class progress, the municipal dashboard and (from its mixin) the
school's reports; not on hot paths."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING

import grpc

from tabel.common.v1 import types_pb2
from tabel.reporting.v1 import progress_pb2
from tabel.reporting.v1 import reporting_service_pb2 as pb
from tabel.reporting.v1 import reporting_service_pb2_grpc as pb_grpc
from tabel_platform.errors import InvalidInput
from tabel_platform.grpc.server import Registration
from tabel_platform.runtime import Runtime
from tabel_reporting.domain.analytics import ANALYTICS_FORMULAS
from tabel_reporting.domain.progress import FORMULAS, Rates
from tabel_reporting.entrypoints.grpc_school_reports import SchoolReportsServicer
from tabel_reporting.entrypoints.grpc_values import caller, school_of, uuid_field
from tabel_reporting.service_layer.analytics import progress_aggregates
from tabel_reporting.service_layer.class_progress import class_progress

if TYPE_CHECKING:
    Context = grpc.aio.ServicerContext[object, object]


def _stats(rates: Rates | None, attendance_rate: float | None = None) -> progress_pb2.ProgressStats:
    if rates is None:
        return progress_pb2.ProgressStats()
    return progress_pb2.ProgressStats(
        students=rates.students,
        marks=rates.marks,
        average_mark=rates.average_mark or 0.0,
        pass_rate=rates.pass_rate or 0.0,
        quality_rate=rates.quality_rate or 0.0,
        degree_of_learning=rates.degree_of_learning or 0.0,
        attendance_rate=attendance_rate or 0.0,
    )


def _stamp(
    message: pb.ClassProgressResponse | pb.MunicipalDashboardResponse, at: datetime | None
) -> None:
    if at is not None:
        message.as_of.FromDatetime(at)


class ReportingServicer(SchoolReportsServicer, pb_grpc.ReportingServiceServicer):
    def __init__(self, runtime: Runtime) -> None:
        self._rt = runtime

    async def ClassProgress(
        self, request: pb.ClassProgressRequest, context: Context
    ) -> pb.ClassProgressResponse:
        principal = caller()
        school_id = school_of(principal, request.school_id)
        if not request.term_id:
            raise InvalidInput("reporting.period_required", code="period_required")
        report, as_of = await class_progress(
            runtime=self._rt,
            principal=principal,
            school_id=school_id,
            class_id=uuid_field(request.class_id, "class_id"),
            term_id=uuid_field(request.term_id, "term_id"),
            today=datetime.now(UTC).date(),
        )
        response = pb.ClassProgressResponse(
            class_id=request.class_id,
            total=_stats(report.total, report.attendance_rate),
            subjects=[
                progress_pb2.SubjectProgress(
                    subject_id=str(s.subject.id),
                    subject_name=s.subject.name,
                    stats=_stats(s.rates),
                )
                for s in report.subjects
            ],
            students=[
                progress_pb2.StudentProgress(
                    student_id=str(s.student.id),
                    name=types_pb2.PersonName(
                        last_name=s.student.parts[0],
                        first_name=s.student.parts[1],
                        middle_name=s.student.parts[2],
                    ),
                    average_mark=s.average_mark or 0.0,
                    lessons_missed=s.lessons_missed,
                    lessons_missed_excused=s.lessons_missed_excused,
                )
                for s in report.students
            ],
            formulas=list(FORMULAS),
        )
        _stamp(response, as_of)
        return response

    async def MunicipalDashboard(
        self, request: pb.MunicipalDashboardRequest, context: Context
    ) -> pb.MunicipalDashboardResponse:
        municipality = (
            uuid_field(request.municipality_id, "municipality_id")
            if request.municipality_id
            else None
        )
        year = request.dates.start.year if request.dates.start.year else None
        result = await progress_aggregates(
            runtime=self._rt,
            principal=caller(),
            municipality_id=municipality,
            group_by=["school"],
            year=year,
        )
        response = pb.MunicipalDashboardResponse(
            municipality_id=request.municipality_id,
            total=_stats(result.total.rates),
            schools=[
                progress_pb2.SchoolProgress(
                    school_id=str(g.keys["school_id"]),
                    school_name=str(g.keys["school_name"]),
                    stats=_stats(g.rates),
                    suppressed=g.suppressed,
                )
                for g in result.groups
            ],
            formulas=list(ANALYTICS_FORMULAS),
        )
        _stamp(response, result.as_of)
        return response


def registration(runtime: Runtime) -> tuple[str, Registration]:
    servicer = ReportingServicer(runtime)
    name = pb.DESCRIPTOR.services_by_name["ReportingService"].full_name
    return name, lambda server: pb_grpc.add_ReportingServiceServicer_to_server(servicer, server)

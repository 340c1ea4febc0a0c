"""The school's reports over gRPC: the same documents as REST (JSON, or PDF and the other
renderings) and the same refusals for everyone but the class teacher and management."""

from __future__ import annotations

import io
import json
import uuid
from datetime import UTC, datetime
from typing import Any

import grpc
import pytest
from pypdf import PdfReader

from tabel.common.v1 import types_pb2
from tabel.identity.v1 import grants_pb2
from tabel.reporting.v1 import reporting_service_pb2 as pb
from tabel.reporting.v1 import reporting_service_pb2_grpc as pb_grpc
from tabel_platform.testing import ServiceHandle
from tabel_reporting.testing import EventPublisher, pb_date, wait_applied
from tabel_reporting.testing_class import HandComputedClass

from .test_school_reports import extra_events, grant, table

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def bearer(token: str) -> tuple[tuple[str, str], ...]:
    return (("authorization", f"Bearer {token}"),)


def rows(answer: pb.ReportDocument, title: str) -> list[list[Any]]:
    assert answer.content_type == "application/json"
    return table(json.loads(answer.content), title)


async def test_school_reports_over_grpc_and_who_is_refused(
    reporting: ServiceHandle, publisher: EventPublisher, login: Any
) -> None:
    w = HandComputedClass()
    other = HandComputedClass(school_id=w.school_id)
    count = await w.publish(publisher) + await other.publish(publisher)
    for payload in extra_events(w):
        await publisher.publish(payload, school_id=w.school_id, person_id=w.teacher_id)
        count += 1
    schools = [w.school_id]
    class_teacher, _ = await login(person_id=w.class_teacher_id, school_ids=schools)
    other_teacher, _ = await login(person_id=other.class_teacher_id, school_ids=schools)
    director, director_sub = await login(person_id=uuid.uuid4(), school_ids=schools)
    elsewhere = uuid.uuid4()
    foreign_director, foreign_sub = await login(person_id=uuid.uuid4(), school_ids=[elsewhere])
    analyst, analyst_sub = await login(roles=["municipal_analyst"], school_ids=schools)
    region = grants_pb2.Scope(kind=grants_pb2.SCOPE_KIND_REGION)
    for payload in (
        grant(director_sub, grants_pb2.ROLE_DIRECTOR, school=w.school_id),
        grant(foreign_sub, grants_pb2.ROLE_DIRECTOR, school=elsewhere),
        grant(analyst_sub, grants_pb2.ROLE_MUNICIPAL_ANALYST, scope=region),
    ):
        await publisher.publish(payload, school_id=None)
    await wait_applied(reporting, count + 3)

    sid, cls = str(w.school_id), str(w.class_id)
    term = pb.ClassReportRequest(school_id=sid, class_id=cls, term_id=str(w.term_id))
    card = pb.StudentReportRequest(school_id=sid, student_id=str(w.students[7]),
                                   term_id=str(w.term_id))  # fmt: skip
    weekly = pb.WeeklyPrintoutRequest(school_id=sid, student_id=str(w.students[1]),
                                      week_of=pb_date(datetime(2025, 9, 10).date()))  # fmt: skip
    autumn = types_pb2.DateRange(start=types_pb2.Date(year=2025, month=9, day=1),
                                 end=types_pb2.Date(year=2025, month=12, day=31))  # fmt: skip
    timely = pb.TeachersTimelinessRequest(school_id=sid, dates=autumn)
    month = pb_date(datetime.now(UTC).date())
    active = pb.UserActivityRequest(school_id=sid, month=month)

    async with grpc.aio.insecure_channel(reporting.grpc_target) as channel:
        stub = pb_grpc.ReportingServiceStub(channel)
        mine = bearer(class_teacher)
        attendance = await stub.ClassAttendance(term, metadata=mine)
        assert rows(attendance, "По предметам") == [
            ["Математика", 1, 1, 0, 1, 2],
            ["Русский язык", 0, 1, 0, 0, 1],
        ]
        assert rows(await stub.ReportCard(card, metadata=mine), "Отметки") == [
            ["Математика", "3 4", 3.5, "5"],
            ["Русский язык", "2", 2.0, "2*"],
        ]
        week = await stub.WeeklyPrintout(weekly, metadata=mine)
        assert rows(week, "Отметки") == [["Математика", "5", "", "", "", "", ""]]
        risk = await stub.StudentsAtRisk(term, metadata=mine)
        assert len(rows(risk, "Обучающиеся группы риска")) == 3
        pdf_request = pb.ClassReportRequest()
        pdf_request.CopyFrom(term)
        pdf_request.format = pb.REPORT_FORMAT_PDF
        pdf = await stub.PrintableJournal(pdf_request, metadata=mine)
        assert (pdf.content_type, pdf.filename) == ("application/pdf", "journal.pdf")
        text = " ".join(PdfReader(io.BytesIO(pdf.content)).pages[0].extract_text().split())
        assert "Классный журнал Класс 7А, 1-я четверть 2025/2026 уч. г." in text
        timely.format = pb.REPORT_FORMAT_XLSX
        xlsx = await stub.TeachersTimeliness(timely, metadata=bearer(director))
        assert xlsx.content_type == XLSX and xlsx.content[:2] == b"PK"
        activity = await stub.UserActivity(active, metadata=bearer(director))
        people = {r[0]: r[1:4] for r in rows(activity, "Действия в журнале")}
        assert people["Смирнов Олег Ильич"] == ["роль не назначена", 0, 23]

        them = bearer(other_teacher)
        refused = {
            "other class teacher, attendance": stub.ClassAttendance(term, metadata=them),
            "other class teacher, journal": stub.PrintableJournal(term, metadata=them),
            "other class teacher, at risk": stub.StudentsAtRisk(term, metadata=them),
            "other class teacher, card": stub.ReportCard(card, metadata=them),
            "other class teacher, weekly": stub.WeeklyPrintout(weekly, metadata=them),
            "class teacher, timeliness": stub.TeachersTimeliness(timely, metadata=mine),
            "class teacher, activity": stub.UserActivity(active, metadata=mine),
            "analyst, card": stub.ReportCard(card, metadata=bearer(analyst)),
            "analyst, activity": stub.UserActivity(active, metadata=bearer(analyst)),
            "director elsewhere": stub.UserActivity(active, metadata=bearer(foreign_director)),
        }  # fmt: skip
        codes = {name: await _code(call) for name, call in refused.items()}
        assert codes == dict.fromkeys(refused, grpc.StatusCode.PERMISSION_DENIED)

        both = pb.StudentReportRequest()
        both.CopyFrom(card)
        both.academic_year_id = str(w.year_id)
        assert await _code(stub.ReportCard(both, metadata=mine)) == (
            grpc.StatusCode.INVALID_ARGUMENT
        )
        bad_id = pb.ClassReportRequest(school_id=sid, class_id="7А", term_id=str(w.term_id))
        assert await _code(stub.ClassAttendance(bad_id, metadata=mine)) == (
            grpc.StatusCode.INVALID_ARGUMENT
        )
        no_month = pb.UserActivityRequest(school_id=sid)
        assert await _code(stub.UserActivity(no_month, metadata=bearer(director))) == (
            grpc.StatusCode.INVALID_ARGUMENT
        )
        assert await _code(stub.UserActivity(active)) == grpc.StatusCode.UNAUTHENTICATED


async def _code(call: Any) -> grpc.StatusCode:
    with pytest.raises(grpc.aio.AioRpcError) as refused:
        await call
    code: grpc.StatusCode = refused.value.code()
    return code

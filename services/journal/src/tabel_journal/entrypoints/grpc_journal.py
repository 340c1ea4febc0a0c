"""gRPC JournalService: the diary week and marks, for the portal and reports (not hot paths).
The same access rules as REST; PERMISSION_DENIED when the caller may not see the data."""

from __future__ import annotations

import base64
from datetime import date, datetime
from typing import TYPE_CHECKING, Any
from uuid import UUID

from tabel.common.v1 import types_pb2
from tabel.journal.v1 import diary_pb2, homework_pb2, marks_pb2
from tabel.journal.v1 import journal_service_pb2 as pb
from tabel.journal.v1 import journal_service_pb2_grpc as pb_grpc
from tabel_journal.adapters.convert import day, to_date, to_ts
from tabel_journal.domain.journal_years import FIRST_DAY, LAST_DAY
from tabel_journal.service_layer import diary, events, mark_reads
from tabel_platform.auth.principal import Principal, current_principal
from tabel_platform.errors import Forbidden, InvalidInput, Unauthenticated
from tabel_platform.grpc.fields import optional_uuid, uuid_field
from tabel_platform.grpc.server import Registration
from tabel_platform.runtime import Runtime

if TYPE_CHECKING:
    import grpc

    Context = grpc.aio.ServicerContext[object, object]


def _caller(school_id: UUID) -> Principal:
    principal = current_principal.get()
    if principal is None:
        raise Unauthenticated()
    if school_id not in principal.school_ids:
        raise Forbidden("error.school_mismatch", code="school_mismatch")
    return principal


def _date(value: types_pb2.Date, field: str) -> date | None:
    """A date of the journal's years (as the REST diary takes them), None when unset."""
    try:
        found = day(value)
        if found is not None and not FIRST_DAY <= found <= LAST_DAY:
            raise ValueError(found)
    except ValueError as exc:
        raise InvalidInput("field.invalid", code="invalid_date", errors=[{"field": field}]) from exc
    return found


def _lesson(x: dict[str, Any], school_id: UUID) -> diary_pb2.DiaryLesson:
    t = x["teacher"]
    return diary_pb2.DiaryLesson(
        lesson_id=x["lesson_id"],
        period=x["period"],
        starts_at=to_ts(datetime.fromisoformat(x["starts_at"])) if x["starts_at"] else None,
        ends_at=to_ts(datetime.fromisoformat(x["ends_at"])) if x["ends_at"] else None,
        subject_id=x["subject_id"],
        subject_name=x["subject_name"],
        teacher_name=types_pb2.PersonName(**t),
        topic=x["topic"],
        homework_assigned=[
            homework_pb2.Homework(
                id=str(h["id"]),
                school_id=str(school_id),
                lesson_id=x["lesson_id"],
                subject_id=x["subject_id"],
                text=h["text"],
                attachments=[str(a) for a in h.get("attachments") or ()],
            )
            for h in x["homework_assigned"]
        ],
        marks=[
            marks_pb2.Mark(
                id=str(m["id"]),
                school_id=str(school_id),
                lesson_id=x["lesson_id"],
                subject_id=x["subject_id"],
                value=m["value"],
                work_type=m["work_type"],
                weight=int(m["weight"]),
                comment=m.get("comment") or "",
            )
            for m in x["marks"]
        ],
        attendance=events.ATTENDANCE_STATUS.get(x["attendance"] or "", 0),  # type: ignore[arg-type]
        cancelled=x["cancelled"],
    )


class JournalServicer(pb_grpc.JournalServiceServicer):
    def __init__(self, runtime: Runtime) -> None:
        self._rt = runtime

    async def GetDiaryWeek(
        self, request: pb.GetDiaryWeekRequest, context: Context
    ) -> pb.GetDiaryWeekResponse:
        school = uuid_field(request.school_id, "school_id")
        assert school is not None
        student = uuid_field(request.student_id, "student_id")
        assert student is not None
        week = await diary.week(
            runtime=self._rt,
            school_id=school,
            principal=_caller(school),
            student_id=student,
            on=_date(request.date, "date") or date.today(),
        )
        return pb.GetDiaryWeekResponse(
            student_id=str(student),
            week_start=to_date(date.fromisoformat(week["week_start"])),
            days=[
                diary_pb2.DiaryDay(
                    date=to_date(date.fromisoformat(d["date"])),
                    lessons=[_lesson(x, school) for x in d["lessons"]],
                )
                for d in week["days"]
            ],
        )

    async def ListMarks(
        self, request: pb.ListMarksRequest, context: Context
    ) -> pb.ListMarksResponse:
        school = uuid_field(request.school_id, "school_id")
        assert school is not None
        try:
            offset = int(base64.urlsafe_b64decode(request.page_token or "MA==").decode())
        except ValueError as exc:
            raise InvalidInput("field.invalid", code="invalid_page_token") from exc
        rows, next_offset = await mark_reads.list_marks(
            runtime=self._rt,
            school_id=school,
            principal=_caller(school),
            student_id=optional_uuid(request.student_id, "student_id"),
            class_id=optional_uuid(request.class_id, "class_id"),
            subject_id=optional_uuid(request.subject_id, "subject_id"),
            term_id=optional_uuid(request.term_id, "term_id"),
            start=_date(request.dates.start, "dates.start"),
            end=_date(request.dates.end, "dates.end"),
            page_size=request.page_size,
            offset=max(offset, 0),
        )
        token = base64.urlsafe_b64encode(str(next_offset).encode()).decode() if next_offset else ""
        return pb.ListMarksResponse(
            marks=[events.mark(r, school) for r in rows], next_page_token=token
        )


def registration(runtime: Runtime) -> tuple[str, Registration]:
    servicer = JournalServicer(runtime)
    name = pb.DESCRIPTOR.services_by_name["JournalService"].full_name
    return name, lambda server: pb_grpc.add_JournalServiceServicer_to_server(servicer, server)

"""Schedule's records as the event payloads and messages of its contracts (proto/)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from uuid import UUID

from google.protobuf.field_mask_pb2 import FieldMask
from google.protobuf.timestamp_pb2 import Timestamp

from tabel.common.v1 import types_pb2
from tabel.schedule.v1 import calendar_pb2, events_pb2, lessons_pb2
from tabel_schedule.domain.calendar import AcademicYear, Term, TermKind
from tabel_schedule.domain.lessons import Lesson

TERM_KINDS = {
    TermKind.QUARTER: calendar_pb2.TERM_KIND_QUARTER,
    TermKind.TRIMESTER: calendar_pb2.TERM_KIND_TRIMESTER,
    TermKind.HALF_YEAR: calendar_pb2.TERM_KIND_HALF_YEAR,
}
# Lesson fields as the proto names them, for LessonChanged.update_mask.
PROTO_FIELD = {"day": "date", "starts_at": "starts_at", "ends_at": "ends_at"}


@dataclass(frozen=True)
class SubjectRef:
    id: UUID
    name: str
    short_name: str


def date_message(day: date | None) -> types_pb2.Date:
    if day is None:
        return types_pb2.Date()
    return types_pb2.Date(year=day.year, month=day.month, day=day.day)


def term_message(term: Term, year: AcademicYear) -> calendar_pb2.Term:
    return calendar_pb2.Term(
        id=str(term.id),
        school_id=str(year.school_id),
        academic_year_id=str(year.id),
        kind=TERM_KINDS[term.kind],
        number=term.number,
        grade_levels=list(term.grade_levels),
        starts_on=date_message(term.starts_on),
        ends_on=date_message(term.ends_on),
        closed=term.closed,
    )


def academic_year_created(year: AcademicYear) -> events_pb2.AcademicYearCreated:
    return events_pb2.AcademicYearCreated(
        academic_year=calendar_pb2.AcademicYear(
            id=str(year.id),
            school_id=str(year.school_id),
            start_year=year.start_year,
            name=year.name,
            starts_on=date_message(year.starts_on),
            ends_on=date_message(year.ends_on),
        ),
        terms=[term_message(t, year) for t in year.terms],
    )


def lesson_message(lesson: Lesson, subject: SubjectRef, room_name: str) -> lessons_pb2.Lesson:
    starts, ends = Timestamp(), Timestamp()
    starts.FromDatetime(lesson.starts_at)
    ends.FromDatetime(lesson.ends_at)
    return lessons_pb2.Lesson(
        id=str(lesson.id),
        school_id=str(lesson.school_id),
        date=date_message(lesson.day),
        period=lesson.period,
        starts_at=starts,
        ends_at=ends,
        subject=lessons_pb2.Subject(
            id=str(subject.id), name=subject.name, short_name=subject.short_name
        ),
        teacher_id=str(lesson.teacher_id),
        class_ids=[str(c) for c in lesson.class_ids],
        study_group_ids=[str(g) for g in lesson.study_group_ids],
        room_id=str(lesson.room_id or ""),
        room_name=room_name,
        term_id=str(lesson.term_id or ""),
        teaching_assignment_id=str(lesson.teaching_assignment_id or ""),
        status=(
            lessons_pb2.LESSON_STATUS_CANCELLED
            if lesson.cancelled
            else lessons_pb2.LESSON_STATUS_SCHEDULED
        ),
        substitute_teacher_id=str(lesson.substitute_teacher_id or ""),
    )


def field_mask(changed: list[str]) -> FieldMask:
    return FieldMask(paths=sorted({PROTO_FIELD.get(f, f) for f in changed}))

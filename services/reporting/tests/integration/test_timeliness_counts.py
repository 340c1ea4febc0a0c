"""The teachers' timeliness report counts topics, taking attendance and final marks by hand:
on time, late, never taken (a held lesson in the past without the stamp and without any
attendance row), and events of an older journal without these fields as unknown, not late."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime
from typing import Any

import httpx
from google.protobuf.message import Message
from google.protobuf.timestamp_pb2 import Timestamp

from tabel.identity.v1 import grants_pb2
from tabel.journal.v1 import attendance_pb2, lessons_pb2, marks_pb2
from tabel.journal.v1 import events_pb2 as journal
from tabel.roster.v1 import events_pb2 as roster
from tabel.schedule.v1 import events_pb2 as schedule
from tabel.schedule.v1 import lessons_pb2 as schedule_lessons
from tabel_platform.testing import ServiceHandle
from tabel_reporting.testing import EventPublisher, pb_date, wait_applied
from tabel_reporting.testing_class import HandComputedClass, _person

from .test_school_reports import grant, table

TITLE = "Своевременность заполнения журнала"


def ts(at: datetime) -> Timestamp:
    t = Timestamp()
    t.FromDatetime(at)
    return t


class October:
    """Teacher Орлова's lessons of 6–13 October 2025 in the hand-computed class's school."""

    def __init__(self, w: HandComputedClass) -> None:
        self.w, self.teacher, self.subject = w, uuid.uuid4(), uuid.uuid4()
        self.sid = str(w.school_id)
        self.lessons = [uuid.uuid4() for _ in range(6)]

    def day(self, n: int) -> date:
        return date(2025, 10, 6 + n) if n < 5 else date(2025, 10, 13)

    def lesson(self, n: int) -> Message:
        status = (
            schedule_lessons.LESSON_STATUS_CANCELLED
            if n == 5
            else schedule_lessons.LESSON_STATUS_SCHEDULED
        )
        return schedule.LessonScheduled(
            lesson=schedule_lessons.Lesson(
                id=str(self.lessons[n]), school_id=self.sid, date=pb_date(self.day(n)), period=1,
                subject=schedule_lessons.Subject(id=str(self.subject), name="История"),
                teacher_id=str(self.teacher), class_ids=[str(self.w.class_id)],
                term_id=str(self.w.term_id), status=status,
            )
        )  # fmt: skip

    def record(self, n: int, **timeliness: Any) -> lessons_pb2.LessonRecord:
        return lessons_pb2.LessonRecord(
            lesson_id=str(self.lessons[n]), school_id=self.sid, subject_id=str(self.subject),
            term_id=str(self.w.term_id), date=pb_date(self.day(n)), topic="Реформы Петра I",
            teacher_id=str(self.teacher), **timeliness,
        )  # fmt: skip

    def saved(self, n: int, **timeliness: Any) -> Message:
        return journal.LessonJournalSaved(
            school_id=self.sid,
            lesson_id=str(self.lessons[n]),
            record=journal.LessonRecordUpdated(record=self.record(n, **timeliness)),
        )

    def final_mark(self, student: int, on_time: bool | None) -> Message:
        return journal.FinalMarkSet(
            final_mark=marks_pb2.FinalMark(
                id=str(uuid.uuid4()), school_id=self.sid, student_id=str(self.w.students[student]),
                subject_id=str(self.subject), kind=marks_pb2.FINAL_MARK_KIND_TERM,
                term_id=str(self.w.term_id), value="5", teacher_id=str(self.teacher),
                set_at=ts(datetime(2025, 10, 24, 9, tzinfo=UTC)), on_time=on_time,
            )
        )  # fmt: skip

    def events(self) -> list[Message]:
        on_day = ts(datetime(2025, 10, 6, 9, tzinfo=UTC))
        next_day = ts(datetime(2025, 10, 8, 9, tzinfo=UTC))
        absent = attendance_pb2.AttendanceEntry(
            school_id=self.sid, lesson_id=str(self.lessons[4]), student_id=str(self.w.students[0]),
            subject_id=str(self.subject), term_id=str(self.w.term_id), date=pb_date(self.day(4)),
            status=attendance_pb2.ATTENDANCE_STATUS_ABSENT, recorded_by=str(self.teacher),
            on_time=True,
        )  # fmt: skip
        orlova = _person(self.teacher, self.sid, "Орлова", "Нина", "Петровна", False)
        return [
            roster.PersonCreated(person=orlova),
            *(self.lesson(n) for n in range(6)),
            # 0: topic and attendance on the day; 1: both late; 2: a topic, attendance never
            self.saved(0, on_time=True, attendance_taken_at=on_day, attendance_on_time=True),
            self.saved(1, on_time=False, attendance_taken_at=next_day, attendance_on_time=False),
            self.saved(2, on_time=True),
            # 3: nothing at all: attendance never taken
            # 4: an older journal: a topic without on_time, an absence without the stamp
            journal.LessonRecordUpdated(record=self.record(4)),
            journal.AttendanceRecorded(entry=absent),
            # 5: cancelled, nothing entered: not counted
            self.final_mark(0, True),
            self.final_mark(1, False),
            self.final_mark(2, None),  # an older journal: unknown
        ]  # fmt: skip


async def test_topics_attendance_taken_and_final_marks_counted_by_hand(
    reporting: ServiceHandle, publisher: EventPublisher, login: Any
) -> None:
    w = HandComputedClass()
    october = October(w)
    count = await w.publish(publisher)
    for payload in october.events():
        await publisher.publish(payload, school_id=w.school_id, person_id=october.teacher)
        count += 1
    director, director_sub = await login(person_id=uuid.uuid4(), school_ids=[w.school_id])
    await publisher.publish(
        grant(director_sub, grants_pb2.ROLE_DIRECTOR, school=w.school_id), school_id=None
    )
    await wait_applied(reporting, count + 1)

    headers = {"Authorization": f"Bearer {director}", "X-Tabel-School": str(w.school_id)}
    async with httpx.AsyncClient(base_url=reporting.http_url, headers=headers) as client:
        r = await client.get(
            "/v1/reporting/school/timeliness", params={"since": "2025-10-01", "until": "2025-10-31"}
        )
    assert r.status_code == 200, r.text
    columns = [c["title"] for c in r.json()["tables"][0]["columns"]]
    assert columns[8:] == [
        "Темы уроков: вовремя",
        "Темы уроков: с опозданием",
        "Учёт посещаемости на уроке: вовремя",
        "Учёт посещаемости на уроке: с опозданием",
        "Учёт посещаемости на уроке: не проведён",
        "Итоговые отметки: вовремя",
        "Итоговые отметки: с опозданием",
        "Вовремя",
    ]
    rows = {row[0]: row for row in table(r.json(), TITLE)}
    # marks 0/0, attendance 1 (on time), homework 0; topics 2 on time (0, 2), 1 late (1);
    # attendance taken: 1 on time (0), 1 late (1), never 2 (2, 3), unknown 1 (4);
    # final marks 1 on time, 1 late, 1 unknown. On time: 1 + 2 + 1 + 1 of 1 + 3 + 4 + 2.
    assert rows["Орлова Нина Петровна"] == [
        "Орлова Нина Петровна", "октябрь 2025", 0, 0, 1, 0, 0, 0, 2, 1, 1, 1, 2, 1, 1, 5 / 10,
    ]  # fmt: skip

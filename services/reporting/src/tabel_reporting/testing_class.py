"""A hand-computed class for tests: 7А, 1st quarter, eight students, two subjects.

Published as real roster, schedule and journal events (see `testing.EventPublisher`);
the rates it must give are worked out by hand in tests/integration/test_class_progress.py.
Ids are random per instance, so tests never share rows.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta
from typing import Any
from uuid import UUID, uuid4

from google.protobuf.message import Message

from tabel.common.v1 import types_pb2
from tabel.journal.v1 import attendance_pb2, marks_pb2
from tabel.journal.v1 import events_pb2 as journal
from tabel.roster.v1 import classes_pb2, people_pb2, schools_pb2
from tabel.roster.v1 import events_pb2 as roster
from tabel.schedule.v1 import calendar_pb2, lessons_pb2
from tabel.schedule.v1 import events_pb2 as schedule
from tabel_reporting.testing import EventPublisher, pb_date

MATH_MARKS = {  # student index -> [(value, weight)]
    0: [("5", 1), ("5", 1), ("4", 1)],  # 4.67 -> 5 (and a "2" that is deleted)
    1: [("4", 2), ("5", 1)],  # 4.33 -> 4
    2: [("3", 1), ("4", 1), ("3", 1)],  # 3.33 -> 3
    3: [("2", 1), ("3", 1), ("2", 1)],  # 2.33 -> 2 (the last was a "5", changed to "2")
    4: [("н/а", 1)],  # not certified
    5: [("осв", 1)],  # exempt
    # 6: no marks at all
    7: [("3", 1), ("4", 1)],  # 3.5 -> 4, but the final term mark is "5"
}
RUSSIAN_MARKS = {0: "5", 1: "4", 2: "4", 3: "3", 4: "3", 5: "5", 7: "2"}
NAMES = [
    ("Алексеева", "Анна", "Петровна"),
    ("Борисов", "Борис", "Иванович"),
    ("Васильева", "Вера", ""),
    ("Григорьев", "Глеб", "Олегович"),
    ("Дмитриева", "Дарья", "Сергеевна"),
    ("Егоров", "Егор", "Егорович"),
    ("Жукова", "Жанна", "Львовна"),
    ("Зайцев", "Захар", "Ильич"),
]
# Absences: student index -> [(lesson key, status)]
ABSENCES = {
    0: [("math", 0, attendance_pb2.ATTENDANCE_STATUS_ABSENT)],
    1: [
        ("math", 1, attendance_pb2.ATTENDANCE_STATUS_ILL),
        ("russian", 0, attendance_pb2.ATTENDANCE_STATUS_ILL),
    ],
    2: [("math", 2, attendance_pb2.ATTENDANCE_STATUS_LATE)],
}


class HandComputedClass:
    def __init__(
        self,
        *,
        municipality_id: UUID | None = None,
        school_id: UUID | None = None,
        size: int = len(NAMES),
        as_lesson_saves: bool = False,
    ) -> None:
        """`size` < 8 keeps only the first students (and their marks): a small class.
        `as_lesson_saves`: the journal's events as it publishes them (one LessonJournalSaved
        per save of a lesson) rather than one event per change."""
        self.as_lesson_saves = as_lesson_saves
        self.municipality_id = municipality_id or uuid4()
        self.school_id = school_id or uuid4()
        self.class_id, self.year_id, self.term_id = uuid4(), uuid4(), uuid4()
        self.teacher_id, self.class_teacher_id = uuid4(), uuid4()
        self.math_id, self.russian_id = uuid4(), uuid4()
        self.students = [uuid4() for _ in NAMES[:size]]
        self.size = size
        self.lessons = {"math": [uuid4() for _ in range(3)], "russian": [uuid4()]}
        self.term_start, self.term_end = date(2025, 9, 1), date(2025, 10, 26)
        self.grade_level = 7

    def lesson_date(self, subject: str, n: int) -> date:
        return self.term_start + timedelta(days=7 * n + (0 if subject == "math" else 1))

    async def publish(self, pub: EventPublisher) -> int:
        """Publish every event; returns how many."""
        count = 0
        for payload in self.roster_events():
            await pub.publish(payload, school_id=self.school_id)
            count += 1
        for payload in self.schedule_events():
            await pub.publish(payload, school_id=self.school_id)
            count += 1
        events = self.journal_events()
        for payload in lesson_saves(events) if self.as_lesson_saves else events:
            await pub.publish(payload, school_id=self.school_id, person_id=self.teacher_id)
            count += 1
        return count

    def roster_events(self) -> Iterator[Message]:
        sid = str(self.school_id)
        yield roster.SchoolCreated(
            school=schools_pb2.School(
                id=sid,
                municipality_id=str(self.municipality_id),
                name="МБОУ СОШ № 7",
                short_name="Школа № 7",
                grade_levels=list(range(1, 12)),
            )
        )
        for pid, (last, first, middle) in zip(self.students, NAMES[: self.size], strict=True):
            yield roster.PersonCreated(person=_person(pid, sid, last, first, middle, True))
        yield roster.PersonCreated(
            person=_person(self.class_teacher_id, sid, "Кузнецова", "Ирина", "Павловна", False)
        )
        yield roster.ClassCreated(
            school_class=classes_pb2.SchoolClass(
                id=str(self.class_id),
                school_id=sid,
                academic_year_start=2025,
                grade_level=self.grade_level,
                letter="А",
                name="7А",
            )
        )
        yield roster.ClassTeacherAssigned(
            school_id=sid, class_id=str(self.class_id), teacher_id=str(self.class_teacher_id)
        )
        for pid in self.students:
            yield roster.MembershipStarted(
                membership=classes_pb2.Membership(
                    id=str(uuid4()),
                    school_id=sid,
                    person_id=str(pid),
                    class_id=str(self.class_id),
                    starts_on=pb_date(date(2025, 9, 1)),
                )
            )

    def schedule_events(self) -> Iterator[Message]:
        sid = str(self.school_id)
        yield schedule.AcademicYearCreated(
            academic_year=calendar_pb2.AcademicYear(
                id=str(self.year_id),
                school_id=sid,
                start_year=2025,
                name="2025/2026",
                starts_on=pb_date(date(2025, 9, 1)),
                ends_on=pb_date(date(2026, 5, 31)),
            ),
            terms=[
                calendar_pb2.Term(
                    id=str(self.term_id),
                    school_id=sid,
                    academic_year_id=str(self.year_id),
                    kind=calendar_pb2.TERM_KIND_QUARTER,
                    number=1,
                    grade_levels=[7],
                    starts_on=pb_date(self.term_start),
                    ends_on=pb_date(self.term_end),
                )
            ],
        )
        for subject, (sub_id, name) in {
            "math": (self.math_id, "Математика"),
            "russian": (self.russian_id, "Русский язык"),
        }.items():
            for n, lesson_id in enumerate(self.lessons[subject]):
                yield schedule.LessonScheduled(
                    lesson=lessons_pb2.Lesson(
                        id=str(lesson_id),
                        school_id=sid,
                        date=pb_date(self.lesson_date(subject, n)),
                        period=n + 1,
                        subject=lessons_pb2.Subject(id=str(sub_id), name=name),
                        teacher_id=str(self.teacher_id),
                        class_ids=[str(self.class_id)],
                        term_id=str(self.term_id),
                        status=lessons_pb2.LESSON_STATUS_SCHEDULED,
                    )
                )

    def mark(
        self, student: int, subject: str, n: int, value: str, weight: int = 1
    ) -> marks_pb2.Mark:
        sub_id = self.math_id if subject == "math" else self.russian_id
        return marks_pb2.Mark(
            id=str(uuid4()),
            school_id=str(self.school_id),
            student_id=str(self.students[student]),
            lesson_id=str(self.lessons[subject][n]),
            subject_id=str(sub_id),
            term_id=str(self.term_id),
            date=pb_date(self.lesson_date(subject, n)),
            value=value,
            scale=types_pb2.GRADING_SCALE_FIVE_POINT,
            scale_code="five_point",
            weight=weight,
            work_type="oral",
            teacher_id=str(self.teacher_id),
            on_time=True,
        )

    def journal_events(self) -> Iterator[Message]:
        for student, marks in MATH_MARKS.items():
            if student >= self.size:
                continue
            for n, (value, weight) in enumerate(marks):
                if student == 3 and n == 2:  # recorded as "5", then corrected to "2"
                    first = self.mark(student, "math", n, "5", weight)
                    yield journal.MarkRecorded(mark=first)
                    changed = marks_pb2.Mark()
                    changed.CopyFrom(first)
                    changed.value = "2"
                    yield journal.MarkChanged(mark=changed, previous=first, reason="ошибка")
                else:
                    yield journal.MarkRecorded(mark=self.mark(student, "math", n, value, weight))
        wrong = self.mark(0, "math", 0, "2")
        yield journal.MarkRecorded(mark=wrong)
        yield journal.MarkDeleted(mark=wrong, reason="выставлена не тому ученику")
        for student, value in RUSSIAN_MARKS.items():
            if student >= self.size:
                continue
            yield journal.MarkRecorded(mark=self.mark(student, "russian", 0, value))
        yield from self._final_marks()
        yield from self._absences()

    def _final_marks(self) -> Iterator[Message]:
        if self.size < len(NAMES):
            return
        yield journal.FinalMarkSet(
            final_mark=marks_pb2.FinalMark(
                id=str(uuid4()),
                school_id=str(self.school_id),
                student_id=str(self.students[7]),
                subject_id=str(self.math_id),
                kind=marks_pb2.FINAL_MARK_KIND_TERM,
                academic_year_id=str(self.year_id),
                term_id=str(self.term_id),
                value="5",
                teacher_id=str(self.teacher_id),
            )
        )

    def _absences(self) -> Iterator[Message]:
        for student, entries in ABSENCES.items():
            if student >= self.size:
                continue
            for subject, n, status in entries:
                yield journal.AttendanceRecorded(
                    entry=attendance_pb2.AttendanceEntry(
                        school_id=str(self.school_id),
                        lesson_id=str(self.lessons[subject][n]),
                        student_id=str(self.students[student]),
                        subject_id=str(self.math_id if subject == "math" else self.russian_id),
                        term_id=str(self.term_id),
                        date=pb_date(self.lesson_date(subject, n)),
                        status=status,
                        recorded_by=str(self.teacher_id),
                        on_time=True,
                    )
                )


_PART_FIELDS: dict[type[Message], str] = {
    journal.MarkRecorded: "marks_recorded",
    journal.MarkChanged: "marks_changed",
    journal.MarkDeleted: "marks_deleted",
    journal.AttendanceRecorded: "attendance",
}


def lesson_saves(events: Iterator[Message]) -> Iterator[Message]:
    """Changes of one lesson gathered into one save, as a teacher saves the class at once; a
    correction (a changed or deleted mark) is a later save of its own."""
    open_saves: dict[str, journal.LessonJournalSaved] = {}
    for event in events:
        name = _PART_FIELDS.get(type(event))
        if name is None:
            yield event
            continue
        entry: Any = getattr(event, "entry" if name == "attendance" else "mark")
        if name != "marks_recorded" and entry.lesson_id in open_saves:
            yield open_saves.pop(entry.lesson_id)
        save = open_saves.setdefault(
            entry.lesson_id,
            journal.LessonJournalSaved(school_id=entry.school_id, lesson_id=entry.lesson_id),
        )
        getattr(save, name).append(event)
        if name != "marks_recorded":
            yield open_saves.pop(entry.lesson_id)
    yield from open_saves.values()


def _person(
    pid: UUID, sid: str, last: str, first: str, middle: str, student: bool
) -> people_pb2.Person:
    kind = people_pb2.PERSON_KIND_STUDENT if student else people_pb2.PERSON_KIND_STAFF
    return people_pb2.Person(
        id=str(pid),
        school_id=sid,
        kinds=[kind],
        name=types_pb2.PersonName(last_name=last, first_name=first, middle_name=middle),
    )

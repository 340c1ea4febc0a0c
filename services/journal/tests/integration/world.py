"""A small school built from the events identity, roster and schedule publish, fed through the
journal's real consumers (their `handle`, the code NATS deliveries run)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any
from uuid import UUID

from google.protobuf.field_mask_pb2 import FieldMask
from google.protobuf.message import Message

from tabel.common.v1 import types_pb2
from tabel.identity.v1 import events_pb2 as ie
from tabel.identity.v1 import grants_pb2
from tabel.roster.v1 import classes_pb2, people_pb2
from tabel.roster.v1 import events_pb2 as re
from tabel.schedule.v1 import calendar_pb2, lessons_pb2
from tabel.schedule.v1 import events_pb2 as se
from tabel_journal.entrypoints.consumers import all_consumers
from tabel_platform.events.envelope import Actor, make_envelope, subject_of


def d(x: date) -> types_pb2.Date:
    return types_pb2.Date(year=x.year, month=x.month, day=x.day)


@dataclass
class World:
    svc: Any
    school: UUID = field(default_factory=uuid.uuid4)
    year: UUID = field(default_factory=uuid.uuid4)
    term: UUID = field(default_factory=uuid.uuid4)
    math: UUID = field(default_factory=uuid.uuid4)
    history: UUID = field(default_factory=uuid.uuid4)
    classes: dict[str, UUID] = field(default_factory=dict)
    people: dict[str, UUID] = field(default_factory=dict)
    lessons: dict[UUID, lessons_pb2.Lesson] = field(default_factory=dict)
    _consumers: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for c in all_consumers(self.svc.runtime):
            self._consumers[c.name.split("-from-")[1]] = c

    async def publish(self, source: str, payload: Message) -> None:
        env = make_envelope(
            subject_of(payload), payload, source=source, school_id=self.school, actor=Actor.system()
        )
        assert await self._consumers[source].handle(env, UUID(env.id)) == "handled"

    def person(self, key: str) -> UUID:
        return self.people.setdefault(key, uuid.uuid4())

    async def grant(
        self, key: str, role: grants_pb2.Role.ValueType, class_key: str | None = None
    ) -> None:
        scope = (
            grants_pb2.Scope(kind=grants_pb2.SCOPE_KIND_CLASS, id=str(self.classes[class_key]))
            if class_key
            else None
        )
        await self.publish(
            "identity",
            ie.GrantAdded(
                grant=grants_pb2.Grant(
                    id=str(uuid.uuid4()),
                    account_id=str(uuid.uuid4()),
                    person_id=str(self.person(key)),
                    school_id=str(self.school),
                    role=role,
                    scope=scope,
                )
            ),
        )

    async def add_class(self, name: str, grade: int, teacher: str | None = None) -> UUID:
        cid = self.classes.setdefault(name, uuid.uuid4())
        await self.publish(
            "roster",
            re.ClassCreated(
                school_class=classes_pb2.SchoolClass(
                    id=str(cid), school_id=str(self.school), grade_level=grade, name=name
                )
            ),
        )
        if teacher:
            await self.publish(
                "roster",
                re.ClassTeacherAssigned(
                    school_id=str(self.school),
                    class_id=str(cid),
                    teacher_id=str(self.person(teacher)),
                ),
            )
        return cid

    async def add_student(self, key: str, class_name: str, guardian: str | None = None) -> UUID:
        sid = self.person(key)
        await self.publish(
            "roster",
            re.PersonCreated(
                person=people_pb2.Person(
                    id=str(sid),
                    school_id=str(self.school),
                    name=types_pb2.PersonName(last_name="Ученик", first_name=key),
                )
            ),
        )
        await self.join(key, class_id=str(self.classes[class_name]))
        await self.grant(key, grants_pb2.ROLE_STUDENT)
        if guardian:
            await self.publish(
                "roster",
                re.GuardianshipAdded(
                    guardianship=people_pb2.Guardianship(
                        id=str(uuid.uuid4()),
                        school_id=str(self.school),
                        guardian_id=str(self.person(guardian)),
                        student_id=str(sid),
                    )
                ),
            )
            await self.grant(guardian, grants_pb2.ROLE_GUARDIAN)
        return sid

    async def join_group(self, key: str, group: UUID) -> None:
        """The student joins a study group (English in halves, say)."""
        await self.join(key, study_group_id=str(group))

    async def join(self, key: str, **unit: str) -> None:
        """A membership of a class (`class_id=`) or a study group (`study_group_id=`)."""
        membership = classes_pb2.Membership(
            id=str(uuid.uuid4()),
            school_id=str(self.school),
            person_id=str(self.person(key)),
            starts_on=d(date(2020, 9, 1)),
            **unit,
        )
        await self.publish("roster", re.MembershipStarted(membership=membership))

    async def assign(self, teacher: str, subject: UUID, class_name: str) -> None:
        await self.publish(
            "schedule",
            se.TeachingAssignmentAdded(
                assignment=lessons_pb2.TeachingAssignment(
                    id=str(uuid.uuid4()),
                    school_id=str(self.school),
                    academic_year_id=str(self.year),
                    teacher_id=str(self.person(teacher)),
                    subject=lessons_pb2.Subject(id=str(subject), name="Предмет"),
                    class_id=str(self.classes[class_name]),
                )
            ),
        )

    async def open_term(self, starts: date, ends: date, term: UUID | None = None) -> UUID:
        tid = term or self.term
        await self.publish(
            "schedule",
            se.AcademicYearCreated(
                academic_year=calendar_pb2.AcademicYear(
                    id=str(self.year), school_id=str(self.school)
                ),
                terms=[
                    calendar_pb2.Term(
                        id=str(tid),
                        school_id=str(self.school),
                        academic_year_id=str(self.year),
                        number=1,
                        starts_on=d(starts),
                        ends_on=d(ends),
                    )
                ],
            ),
        )
        return tid

    async def close_term(self, term: UUID | None = None) -> None:
        await self.publish(
            "schedule",
            se.TermClosed(
                term=calendar_pb2.Term(
                    id=str(term or self.term),
                    school_id=str(self.school),
                    academic_year_id=str(self.year),
                    number=1,
                )
            ),
        )

    async def lesson(
        self,
        class_name: str,
        subject: UUID,
        teacher: str,
        on: date,
        period: int = 1,
        subject_name: str = "Математика",
        term: UUID | None = None,
        groups: tuple[UUID, ...] = (),
    ) -> UUID:
        lid = uuid.uuid4()
        start = datetime(on.year, on.month, on.day, 5 + period, 0, tzinfo=UTC)
        starts_at, ends_at = start, start + timedelta(minutes=45)
        le = lessons_pb2.Lesson(
            id=str(lid),
            school_id=str(self.school),
            date=d(on),
            period=period,
            subject=lessons_pb2.Subject(id=str(subject), name=subject_name),
            teacher_id=str(self.person(teacher)),
            class_ids=[str(self.classes[class_name])],
            study_group_ids=[str(g) for g in groups],
            term_id=str(term or self.term),
            status=lessons_pb2.LESSON_STATUS_SCHEDULED,
        )
        le.starts_at.FromDatetime(starts_at)
        le.ends_at.FromDatetime(ends_at)
        await self.publish("schedule", se.LessonScheduled(lesson=le))
        self.lessons[lid] = le
        return lid

    async def substitute(
        self, lesson_id: UUID, teacher: str, substitute: str, on: date, *, sid: UUID | None = None
    ) -> UUID:
        """SubstitutionMade, as schedule emits it; the substitution's id."""
        substitution = sid or uuid.uuid4()
        await self.publish(
            "schedule",
            se.SubstitutionMade(
                substitution_id=str(substitution),
                school_id=str(self.school),
                lesson_id=str(lesson_id),
                date=d(on),
                teacher_id=str(self.person(teacher)),
                substitute_teacher_id=str(self.person(substitute)),
            ),
        )
        return substitution

    async def end_substitution(
        self, lesson_id: UUID, teacher: str, substitute: str, on: date, *, sid: UUID
    ) -> None:
        """SubstitutionEnded, as schedule emits it when the substitution is taken back."""
        await self.publish(
            "schedule",
            se.SubstitutionEnded(
                substitution_id=str(sid),
                school_id=str(self.school),
                lesson_id=str(lesson_id),
                date=d(on),
                teacher_id=str(self.person(teacher)),
                substitute_teacher_id=str(self.person(substitute)),
            ),
        )

    async def lesson_changed(
        self, lesson_id: UUID, *, substitute: str | None, cancelled: bool = False
    ) -> None:
        """LessonChanged (or LessonCancelled) carrying the whole lesson with `substitute`."""
        le = lessons_pb2.Lesson()
        le.CopyFrom(self.lessons[lesson_id])
        le.substitute_teacher_id = str(self.person(substitute)) if substitute else ""
        if cancelled:
            le.status = lessons_pb2.LESSON_STATUS_CANCELLED
            await self.publish("schedule", se.LessonCancelled(lesson=le, reason="Карантин"))
        else:
            mask = FieldMask(paths=["substitute_teacher_id"])
            await self.publish("schedule", se.LessonChanged(lesson=le, update_mask=mask))
        self.lessons[lesson_id] = le


async def build_school(svc: Any, on: date) -> World:
    """5А (grade 5) with two students, 5Б with one, 1А (grade 1); their teachers and families."""
    w = World(svc)
    await w.open_term(on - timedelta(days=30), on + timedelta(days=30))
    await w.add_class("5А", 5, teacher="class_teacher_5a")
    await w.add_class("5Б", 5, teacher="class_teacher_5b")
    await w.add_class("1А", 1)
    await w.add_student("s1", "5А", guardian="parent1")
    await w.add_student("s2", "5А", guardian="parent2")
    await w.add_student("b1", "5Б", guardian="parent_b1")
    await w.add_student("f1", "1А")
    for t in (
        "math_5a",
        "math_5b",
        "history_5a",
        "class_teacher_5a",
        "class_teacher_5b",
        "substitute",
        "teacher_1a",
    ):
        await w.grant(t, grants_pb2.ROLE_TEACHER)
    await w.grant("director", grants_pb2.ROLE_DIRECTOR)
    await w.grant("deputy", grants_pb2.ROLE_DEPUTY_DIRECTOR)
    await w.assign("math_5a", w.math, "5А")
    await w.assign("math_5b", w.math, "5Б")
    await w.assign("history_5a", w.history, "5А")
    await w.assign("teacher_1a", w.math, "1А")
    return w

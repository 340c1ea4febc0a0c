"""Test support: a small school whose classes, people, memberships and guardianships arrive as
roster's events over NATS, the way roster publishes them."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from typing import Any
from uuid import UUID

from tabel.common.v1 import types_pb2
from tabel.roster.v1 import classes_pb2, people_pb2
from tabel.roster.v1 import events_pb2 as roster
from tabel_platform.waiting import eventually
from tabel_schedule.testing.bus import publish, scalar


@dataclass
class School:
    id: UUID
    year_id: UUID = field(default_factory=uuid.uuid4)
    classes: dict[str, UUID] = field(default_factory=dict)
    groups: dict[str, UUID] = field(default_factory=dict)
    students: dict[str, UUID] = field(default_factory=dict)
    rooms: dict[str, UUID] = field(default_factory=dict)
    subjects: dict[str, UUID] = field(default_factory=dict)
    teachers: list[UUID] = field(default_factory=lambda: [uuid.uuid4() for _ in range(6)])
    guardians: dict[str, UUID] = field(default_factory=dict)  # "mama of anya" -> id


def person_message(
    school_id: UUID,
    person_id: UUID,
    kind: people_pb2.PersonKind.ValueType,
    name: str,
    positions: list[str] | None = None,
) -> people_pb2.Person:
    return people_pb2.Person(
        id=str(person_id),
        school_id=str(school_id),
        name=types_pb2.PersonName(last_name=name, first_name=name),
        kinds=[kind],
        positions=positions or [],
    )


async def guardianship(runtime: Any, school: School, guardian: str, student: str) -> UUID:
    """`guardian` (created as a guardian person if new) of the student; the link's id."""
    if guardian not in school.guardians:
        school.guardians[guardian] = uuid.uuid4()
        person = person_message(
            school.id, school.guardians[guardian], people_pb2.PERSON_KIND_GUARDIAN, guardian
        )
        await publish(runtime, "roster", roster.PersonCreated(person=person), school.id)
    link = people_pb2.Guardianship(
        id=str(uuid.uuid4()),
        school_id=str(school.id),
        guardian_id=str(school.guardians[guardian]),
        student_id=str(school.students[student]),
        relation=people_pb2.GUARDIAN_RELATION_MOTHER,
    )
    await publish(runtime, "roster", roster.GuardianshipAdded(guardianship=link), school.id)
    return UUID(link.id)


async def roster_facts(runtime: Any, school: School) -> None:
    """5А, 5Б (grade 5) and 10А; 5А split in two English groups; students in classes and groups;
    six teachers (staff); anya's mother."""
    sid = str(school.id)
    for n, teacher in enumerate(school.teachers):
        staff = person_message(
            school.id, teacher, people_pb2.PERSON_KIND_STAFF, f"Учитель {n}", ["teacher"]
        )
        await publish(runtime, "roster", roster.PersonCreated(person=staff), school.id)
    for name, grade in (("5А", 5), ("5Б", 5), ("10А", 10)):
        school.classes[name] = cid = uuid.uuid4()
        sc = classes_pb2.SchoolClass(id=str(cid), school_id=sid, grade_level=grade, name=name)
        await publish(runtime, "roster", roster.ClassCreated(school_class=sc), school.id)
    for n in (1, 2):
        school.groups[f"5А/{n}"] = gid = uuid.uuid4()
        group = classes_pb2.StudyGroup(
            id=str(gid), school_id=sid, class_id=str(school.classes["5А"]), name=f"англ {n}"
        )
        await publish(runtime, "roster", roster.StudyGroupCreated(study_group=group), school.id)
    since = types_pb2.Date(year=2026, month=9, day=1)
    members: list[tuple[str, str, str | None]] = [
        ("anya", "5А", "5А/1"),
        ("boris", "5А", "5А/2"),
        ("vera", "5Б", None),
    ]
    for who, class_name, unit_group in members:
        school.students[who] = person = uuid.uuid4()
        student = person_message(school.id, person, people_pb2.PERSON_KIND_STUDENT, who)
        await publish(runtime, "roster", roster.PersonCreated(person=student), school.id)
        units = [("class_id", school.classes[class_name])]
        if unit_group:
            units.append(("study_group_id", school.groups[unit_group]))
        for column, unit in units:
            m = classes_pb2.Membership(
                id=str(uuid.uuid4()), school_id=sid, person_id=str(person), starts_on=since
            )
            setattr(m, column, str(unit))
            await publish(runtime, "roster", roster.MembershipStarted(membership=m), school.id)
    await guardianship(runtime, school, "mama", "anya")
    expected = {"memberships": 5, "people": 10, "guardianships": 1, "study_groups": 2, "classes": 3}
    for table, count in expected.items():
        await rows_in(runtime, table, school.id, count)


async def rows_in(runtime: Any, table: str, school_id: UUID, count: int) -> None:
    """Waits until schedule's projection `table` holds `count` rows of the school."""
    sql = f"SELECT count(*) FROM {table} WHERE school_id = :s"  # noqa: S608 - our names
    await eventually(lambda: scalar(runtime, sql, s=school_id), lambda n: n == count)

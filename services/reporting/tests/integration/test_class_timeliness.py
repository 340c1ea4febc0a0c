"""The class teacher's timeliness report (seed 004 3.2.2): the school's report narrowed to one
class, counted by hand while the same teachers made entries in another class of the school;
the class teacher and management read it, other class teachers, teachers and guardians don't."""

from __future__ import annotations

import io
import uuid
from typing import Any

import httpx
from pypdf import PdfReader

from tabel.identity.v1 import grants_pb2
from tabel.journal.v1 import events_pb2 as journal
from tabel.journal.v1 import homework_pb2
from tabel.roster.v1 import events_pb2 as roster
from tabel_platform.testing import ServiceHandle
from tabel_reporting.testing import EventPublisher, pb_date, wait_applied
from tabel_reporting.testing_class import HandComputedClass, _person

from .test_school_reports import grant, table
from .test_timeliness_counts import TITLE, October

OCTOBER = {"since": "2025-09-01", "until": "2025-10-31"}


def homework(october: October, on_time: bool) -> journal.HomeworkAssigned:
    return journal.HomeworkAssigned(
        homework=homework_pb2.Homework(
            id=str(uuid.uuid4()), school_id=october.sid, subject_id=str(october.subject),
            lesson_id=str(october.lessons[0]), assigned_on=pb_date(october.day(0)),
            text="§ 12", teacher_id=str(october.teacher), on_time=on_time,
        )
    )  # fmt: skip


async def test_class_timeliness_counts_only_the_class_and_its_readers(
    reporting: ServiceHandle, publisher: EventPublisher, login: Any
) -> None:
    w = HandComputedClass()
    other = HandComputedClass(school_id=w.school_id)
    other.teacher_id = w.teacher_id  # Смирнов teaches both classes
    ours, theirs = October(w), October(other)
    theirs.teacher = ours.teacher  # and so does Орлова
    count = await w.publish(publisher) + await other.publish(publisher)
    smirnov = _person(w.teacher_id, str(w.school_id), "Смирнов", "Олег", "Ильич", False)
    events = [
        (roster.PersonCreated(person=smirnov), w.teacher_id),
        *((e, ours.teacher) for e in [*ours.events(), homework(ours, True)]),
        *((e, ours.teacher) for e in [*theirs.events(), homework(theirs, False)]),
    ]
    for payload, person in events:
        await publisher.publish(payload, school_id=w.school_id, person_id=person)
    count += len(events)
    schools = [w.school_id]
    class_teacher, _ = await login(person_id=w.class_teacher_id, school_ids=schools)
    other_teacher, _ = await login(person_id=other.class_teacher_id, school_ids=schools)
    director, director_sub = await login(person_id=uuid.uuid4(), school_ids=schools)
    teacher, teacher_sub = await login(person_id=w.teacher_id, school_ids=schools)
    guardian, guardian_sub = await login(person_id=uuid.uuid4(), school_ids=schools)
    for sub, role in [
        (director_sub, grants_pb2.ROLE_DIRECTOR),
        (teacher_sub, grants_pb2.ROLE_TEACHER),
        (guardian_sub, grants_pb2.ROLE_GUARDIAN),
    ]:
        await publisher.publish(grant(sub, role, school=w.school_id), school_id=None)
    await wait_applied(reporting, count + 3)

    async def get(token: str, path: str, **params: Any) -> httpx.Response:
        headers = {"Authorization": f"Bearer {token}", "X-Tabel-School": str(w.school_id)}
        async with httpx.AsyncClient(base_url=reporting.http_url, headers=headers) as client:
            return await client.get(f"/v1/reporting/{path}", params={**OCTOBER, **params})

    r = await get(class_teacher, f"classes/{w.class_id}/timeliness")
    assert r.status_code == 200, r.text
    assert r.json()["subtitle"][1] == "Класс 7А"
    # Смирнов, September, class 7А only: 22 marks and 4 absences, all on time; the final mark
    # and the lessons' attendance come from an older journal (unknown). Орлова, October, the
    # class's half of test_timeliness_counts plus one homework on time: attendance 1, homework
    # 1, topics 2 + 1 late, attendance taken 1 + 1 late + 2 never, final marks 1 + 1 late.
    assert table(r.json(), TITLE) == [
        ["Орлова Нина Петровна", "октябрь 2025", 0, 0, 1, 0, 1, 0, 2, 1, 1, 1, 2, 1, 1, 6 / 11],
        ["Смирнов Олег Ильич", "сентябрь 2025", 22, 0, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1.0],
    ]  # fmt: skip
    # The school's report has both classes: the other one's homework was late.
    school = await get(director, "school/timeliness")
    assert table(school.json(), TITLE) == [
        ["Орлова Нина Петровна", "октябрь 2025", 0, 0, 2, 0, 2, 1, 4, 2, 2, 2, 4, 2, 2, 11 / 22],
        ["Смирнов Олег Ильич", "сентябрь 2025", 44, 0, 8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1.0],
    ]  # fmt: skip
    managed = await get(director, f"classes/{other.class_id}/timeliness")
    assert table(managed.json(), TITLE)[0][2:8] == [0, 0, 1, 0, 1, 1]

    pdf = await get(class_teacher, f"classes/{w.class_id}/timeliness", format="pdf")
    assert pdf.headers["content-type"] == "application/pdf"
    text = " ".join(PdfReader(io.BytesIO(pdf.content)).pages[0].extract_text().split())
    assert "МБОУ СОШ № 7 Класс 7А с 01.09.2025 по 31.10.2025" in text
    assert "2025 0 0 1 0 1 0 2 1 1 1 2 1 1 54,5 %" in text  # Орлова's row, names wrap
    for fmt in ("csv", "xlsx"):
        found = await get(class_teacher, f"classes/{w.class_id}/timeliness", format=fmt)
        assert found.status_code == 200

    refused = {
        "other class teacher": await get(other_teacher, f"classes/{w.class_id}/timeliness"),
        "subject teacher": await get(teacher, f"classes/{w.class_id}/timeliness"),
        "guardian": await get(guardian, f"classes/{w.class_id}/timeliness"),
    }
    assert {k: (r.status_code, r.json()["code"]) for k, r in refused.items()} == dict.fromkeys(
        refused, (403, "not_your_class")
    )

"""Roster's people and guardianships, taken in from events: only staff teach, and a guardian
sees the personal week of their own child, not of other children."""

from __future__ import annotations

from typing import Any

from tabel.roster.v1 import events_pb2 as roster
from tabel.roster.v1 import people_pb2
from tabel_platform.waiting import eventually
from tabel_schedule.testing import add_entries, entry, person_message, publish, scalar, set_up


async def test_only_staff_of_the_school_can_be_given_lessons(api: Any, service: Any) -> None:
    school = await set_up(api, service.runtime)
    anya, mama = school.students["anya"], school.guardians["mama"]
    load = {
        "academic_year_id": str(school.year_id),
        "subject_id": str(school.subjects["Физика"]),
        "class_id": str(school.classes["5Б"]),
        "weekly_hours": 2,
    }
    for someone in (anya, mama, school.id):  # a student, a guardian, an id nobody has
        refused = await api.call(
            "POST", "/v1/teaching-assignments", json=load | {"teacher_id": str(someone)}, expect=422
        )
        assert refused["code"] == "teacher_not_staff"
        assert refused["errors"][0]["field"] == "teacher_id"
        assert "сотрудник" in refused["detail"]
    bad_entry = entry(school, weekday=1, period=1, subject="Физика", teacher=0, classes=["5Б"])
    refused = await add_entries(api, school, bad_entry | {"teacher_id": str(mama)}, expect=422)
    assert [e["code"] for e in refused["errors"]] == ["teacher_not_staff"]

    await add_entries(api, school, bad_entry)
    await api.call("POST", f"/v1/academic-years/{school.year_id}/materialise", json={})
    week = await api.call("GET", f"/v1/weeks?date=2026-11-16&class_id={school.classes['5Б']}")
    lesson = week["lessons"][0]["id"]
    refused = await api.call(
        "PUT", f"/v1/lessons/{lesson}/substitute", json={"substitute_teacher_id": str(anya)},
        expect=422,
    )  # fmt: skip
    assert refused["code"] == "teacher_not_staff"

    # Roster takes the mother on as staff (PersonUpdated): now she may teach and substitute.
    hired = person_message(school.id, mama, people_pb2.PERSON_KIND_GUARDIAN, "mama", ["teacher"])
    hired.kinds.append(people_pb2.PERSON_KIND_STAFF)
    await publish(service.runtime, "roster", roster.PersonUpdated(person=hired), school.id)
    await eventually(
        lambda: scalar(
            service.runtime, "SELECT cardinality(kinds) FROM people WHERE id = :p", p=mama
        ),
        lambda n: n == 2,
    )
    await api.call("POST", "/v1/teaching-assignments", json=load | {"teacher_id": str(mama)},
                   expect=201)  # fmt: skip
    substituted = await api.call(
        "PUT", f"/v1/lessons/{lesson}/substitute", json={"substitute_teacher_id": str(mama)}
    )
    assert substituted["substitute_teacher_id"] == str(mama)


async def test_a_guardian_sees_the_week_of_their_own_child_only(api: Any, service: Any) -> None:
    school = await set_up(api, service.runtime)
    await add_entries(
        api,
        school,
        entry(school, weekday=2, period=1, subject="Английский язык", teacher=0, classes=["5А"],
              groups=["5А/1"], room="101"),
        entry(school, weekday=2, period=1, subject="Английский язык", teacher=1, classes=["5А"],
              groups=["5А/2"], room="102"),
    )  # fmt: skip
    await api.call("POST", f"/v1/academic-years/{school.year_id}/materialise", json={})
    mama = school.guardians["mama"]

    def week(student: str) -> str:
        return f"/v1/weeks?date=2026-11-17&student_id={school.students[student]}"

    own = await api.call("GET", week("anya"), roles=["guardian"], person_id=mama)
    assert [(x["subject_name"], x["room_name"]) for x in own["lessons"]] == [
        ("Английский язык", "101")  # anya's group only, not boris's in 102
    ]
    for other in ("boris", "vera"):
        refused = await api.call("GET", week(other), roles=["guardian"], person_id=mama, expect=403)
        assert refused["code"] == "forbidden"
    # A stranger who merely holds the guardian role: refused for anya too.
    await api.call("GET", week("anya"), roles=["guardian"], expect=403)

    # Roster ends the guardianship: the mother loses the child's week.
    link = await scalar(
        service.runtime, "SELECT id FROM guardianships WHERE guardian_id = :g", g=mama
    )
    removed = people_pb2.Guardianship(
        id=str(link), school_id=str(school.id), guardian_id=str(mama),
        student_id=str(school.students["anya"]),
    )  # fmt: skip
    gone = roster.GuardianshipRemoved(guardianship=removed, reason="решение суда")
    await publish(service.runtime, "roster", gone, school.id)
    await eventually(
        lambda: scalar(
            service.runtime, "SELECT count(*) FROM guardianships WHERE guardian_id = :g", g=mama
        ),
        lambda n: n == 0,
    )
    await api.call("GET", week("anya"), roles=["guardian"], person_id=mama, expect=403)

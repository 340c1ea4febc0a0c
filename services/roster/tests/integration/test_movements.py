"""Enrolment movements: a transfer mid-year keeps the old class's history; the whole seeded
school is promoted at year end in one operation and the graduating grade leaves."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from sqlalchemy import text

from tabel_platform.demo import demo_id
from tabel_roster.demo import seed_demo
from tabel_roster.domain.classes import academic_year_of

YEAR = academic_year_of(date.today())


async def test_transfer_mid_year(api: Any, roster: Any, make_school: Any) -> None:
    school = await make_school(roster)
    admin = await api(["administrator"], school)
    a = (
        await admin.post(
            "/v1/classes", json={"academic_year_start": YEAR, "grade_level": 7, "letter": "а"}
        )
    ).json()
    b = (
        await admin.post(
            "/v1/classes", json={"academic_year_start": YEAR, "grade_level": 7, "letter": "Б"}
        )
    ).json()
    assert a["name"] == "7А"
    student = (
        await admin.post(
            "/v1/people", json={"last_name": "Орлова", "first_name": "Вера", "kinds": ["student"]}
        )
    ).json()
    start, moved = date(YEAR, 9, 1), date(YEAR, 11, 10)
    admitted = await admin.post(
        "/v1/movements",
        json={
            "student_id": student["id"],
            "kind": 1,
            "effective_on": str(start),
            "to_class_id": a["id"],
            "order_number": "12-у",
        },
    )
    assert admitted.status_code == 201, admitted.text
    group = (
        await admin.post(
            "/v1/study-groups",
            json={"academic_year_start": YEAR, "name": "7А англ. 1", "class_id": a["id"]},
        )
    ).json()
    assert (
        await admin.post(
            f"/v1/study-groups/{group['id']}/members",
            json={"person_id": student["id"], "starts_on": str(start)},
        )
    ).status_code == 201

    transfer = await admin.post(
        "/v1/movements",
        json={
            "student_id": student["id"],
            "kind": 3,
            "effective_on": str(moved),
            "to_class_id": b["id"],
            "order_number": "57-у",
        },
    )
    assert transfer.status_code == 201, transfer.text
    assert transfer.json()["from_class_id"] == a["id"]

    def members(cls: dict[str, Any], on: date) -> Any:
        return admin.get(f"/v1/classes/{cls['id']}/members", params={"on": str(on)})

    before, after = moved - timedelta(days=1), moved
    assert [m["person"]["id"] for m in (await members(a, before)).json()] == [student["id"]]
    assert (await members(a, after)).json() == []
    assert [m["person"]["id"] for m in (await members(b, after)).json()] == [student["id"]]
    assert (await members(b, before)).json() == []
    history = (
        await admin.get(f"/v1/students/{student['id']}/enrolment", params={"on": str(before)})
    ).json()
    assert history["school_class"]["name"] == "7А"
    assert [m["kind"] for m in history["movements"]] == [1, 3]
    spans = {
        (m["class_id"], m["study_group_id"]): (m["starts_on"], m["ends_on"])
        for m in history["memberships"]
    }
    assert spans[(a["id"], None)] == (str(start), str(before))
    assert spans[(None, group["id"])] == (str(start), str(before)), (
        "the old class's subgroup ends too"
    )
    assert spans[(b["id"], None)] == (str(moved), None)
    now = (
        await admin.get(f"/v1/students/{student['id']}/enrolment", params={"on": str(after)})
    ).json()
    assert now["school_class"]["name"] == "7Б"

    same = await admin.post(
        "/v1/movements",
        json={
            "student_id": student["id"],
            "kind": 3,
            "effective_on": str(moved + timedelta(days=3)),
            "to_class_id": b["id"],
        },
    )
    assert same.status_code == 422 and same.json()["code"] == "same_class"
    teacher = await api(["teacher"], school)
    assert (
        await teacher.post(
            "/v1/movements",
            json={"student_id": student["id"], "kind": 2, "effective_on": str(moved)},
        )
    ).status_code == 403
    async with roster.runtime.db.transaction(school_id=school) as s:
        subjects = (await s.execute(text("SELECT subject FROM outbox"))).scalars().all()
    assert subjects.count("tabel.roster.enrolment.moved.v1") == 2
    assert subjects.count("tabel.roster.membership.ended.v1") == 2


async def test_year_end_promotion_of_the_seeded_school(api: Any, roster: Any) -> None:
    await seed_demo(roster.runtime)
    school = demo_id("school/1")
    admin = await api(["administrator"], school)
    repeater = demo_id("school/1/person/student/5Б/7")
    result = await admin.post(
        "/v1/promotions",
        json={"from_year": YEAR, "order_number": "101-о", "repeat_student_ids": [str(repeater)]},
    )
    assert result.status_code == 200, result.text
    assert result.json() == {
        "promoted": 74,
        "graduated": 0,
        "repeating": 1,
        "classes_created": ["5Б", "6А", "6Б", "11А"],
    }
    again = await admin.post("/v1/promotions", json={"from_year": YEAR})
    assert again.status_code == 409 and again.json()["code"] == "promotion_done"

    next_year = (await admin.get("/v1/classes", params={"academic_year_start": YEAR + 1})).json()
    by_name = {c["name"]: c for c in next_year}
    assert by_name["6А"]["class_teacher_id"] == str(demo_id("school/1/person/teacher/3")), (
        "the class teacher goes along"
    )
    sept = date(YEAR + 1, 9, 1)
    six_a = (
        await admin.get(f"/v1/classes/{by_name['6А']['id']}/members", params={"on": str(sept)})
    ).json()
    assert len(six_a) == 25
    five_a_june = (
        await admin.get(
            f"/v1/classes/{demo_id('school/1/class/5А')}/members",
            params={"on": f"{YEAR + 1}-06-15"},
        )
    ).json()
    assert len(five_a_june) == 25, "until the new year starts the students stay in their class"
    kept = (await admin.get(f"/v1/students/{repeater}/enrolment", params={"on": str(sept)})).json()
    assert (
        kept["school_class"]["name"] == "5Б"
        and kept["school_class"]["academic_year_start"] == YEAR + 1
    )

    # The next year: 11А graduates and leaves the school.
    graduation = await admin.post("/v1/promotions", json={"from_year": YEAR + 1})
    assert graduation.status_code == 200
    assert graduation.json()["graduated"] == 25
    leaver = demo_id("school/1/person/student/10А/1")
    gone = (
        await admin.get(f"/v1/students/{leaver}/enrolment", params={"on": f"{YEAR + 2}-09-01"})
    ).json()
    assert gone["school_class"] is None
    assert gone["movements"][-1]["kind"] == 2 and "Выпуск" in gone["movements"][-1]["reason"]

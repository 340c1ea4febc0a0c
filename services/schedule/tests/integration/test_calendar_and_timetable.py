"""Calendar, bells and the weekly timetable through the REST API, against real PostgreSQL,
NATS (roster's facts arrive as events) and real signed tokens."""

from __future__ import annotations

import copy
import uuid
from typing import Any

from tabel.common.v1 import types_pb2
from tabel.roster.v1 import classes_pb2
from tabel.roster.v1 import events_pb2 as roster
from tabel_platform.waiting import eventually
from tabel_schedule.testing import YEAR, add_entries, entry, publish, scalar, set_up


async def test_year_with_quarters_and_half_years_and_refusals(api: Any, service: Any) -> None:
    school = await set_up(api, service.runtime)
    years = await api.call("GET", "/v1/academic-years", roles=["teacher"])
    assert [y["name"] for y in years] == ["2026/2027"]
    kinds = {(t["kind"], tuple(t["grade_levels"])) for t in years[0]["terms"]}
    assert kinds == {("quarter", tuple(range(1, 10))), ("half_year", (10, 11))}
    assert len(years[0]["terms"]) == 6 and str(school.year_id) == years[0]["id"]

    again = await api.call("POST", "/v1/academic-years", json=YEAR, expect=409)
    assert again["code"] == "academic_year_exists"
    broken = copy.deepcopy(YEAR)
    broken["term_systems"][0]["terms"][1]["starts_on"] = "2026-10-01"
    broken["holidays"].append({"name": "Лето", "starts_on": "2027-06-01", "ends_on": "2027-08-31"})
    problem = await api.call("POST", "/v1/academic-years", json=broken, expect=422)
    assert problem["code"] == "academic_year_invalid"
    assert {"terms_overlap", "holiday_outside_year"} <= {e["code"] for e in problem["errors"]}
    refused = await api.call("POST", "/v1/academic-years", json=YEAR, roles=["teacher"], expect=403)
    assert refused["detail"].startswith("Это может только администратор")
    await api.call("POST", "/v1/subjects", json={"name": ""}, expect=422)


async def test_group_lesson_in_two_rooms_and_merged_lesson(api: Any, service: Any) -> None:
    school = await set_up(api, service.runtime)
    added = await add_entries(
        api,
        school,
        entry(
            school,
            weekday=1,
            period=1,
            subject="Английский язык",
            teacher=0,
            classes=["5А"],
            groups=["5А/1"],
            room="101",
        ),
        entry(
            school,
            weekday=1,
            period=1,
            subject="Английский язык",
            teacher=1,
            classes=["5А"],
            groups=["5А/2"],
            room="102",
        ),
        entry(
            school,
            weekday=1,
            period=2,
            subject="Физкультура",
            teacher=2,
            classes=["5А", "5Б"],
            room="201",
        ),
    )
    assert len(added) == 3 and added[0]["starts"] == "08:30:00"
    # 5Б is in the merged lesson: nothing else for 5Б (or its teacher, or the room) then.
    clash = await add_entries(
        api,
        school,
        entry(
            school, weekday=1, period=2, subject="Математика", teacher=2, classes=["5Б"], room="201"
        ),
        expect=409,
    )
    assert clash["code"] == "timetable_conflict"
    assert {e["code"] for e in clash["errors"]} == {"class", "teacher", "room"}
    assert {tuple(e["ids"]) for e in clash["errors"] if e["code"] == "class"} == {
        (str(school.classes["5Б"]),)
    }


async def test_conflicts_are_refused_with_the_list_of_collisions(api: Any, service: Any) -> None:
    school = await set_up(api, service.runtime)
    await add_entries(
        api,
        school,
        entry(
            school, weekday=2, period=1, subject="Математика", teacher=0, classes=["5А"], room="101"
        ),
    )
    # The same teacher and room for 5Б at the same time; and a whole-class lesson over a group.
    clash = await add_entries(
        api,
        school,
        entry(
            school, weekday=2, period=1, subject="Математика", teacher=0, classes=["5Б"], room="101"
        ),
        entry(
            school,
            weekday=2,
            period=1,
            subject="Английский язык",
            teacher=1,
            classes=["5А"],
            groups=["5А/1"],
            room="102",
        ),
        expect=409,
    )
    found = {(e["field"], e["code"]) for e in clash["errors"]}
    assert found == {("entries.0", "teacher"), ("entries.0", "room"), ("entries.1", "class")}
    assert "Накладка" in clash["detail"]
    # Nothing of a refused batch was saved.
    listed = await api.call("GET", f"/v1/timetable/entries?academic_year_id={school.year_id}")
    assert len(listed) == 1
    # A 5А group lesson beside a 5Б lesson: different classes, nobody in both — accepted.
    await add_entries(
        api,
        school,
        entry(school, weekday=3, period=1, subject="Физика", teacher=3, classes=["5Б"], room="202"),
    )
    clash = await add_entries(
        api,
        school,
        entry(
            school,
            weekday=3,
            period=1,
            subject="Английский язык",
            teacher=1,
            classes=["5А"],
            groups=["5А/1"],
            room="102",
        ),
        expect=201,
    )
    assert clash
    # Vera (5Б) joins 5А's group 2 (a cross-class group): now it collides with her 5Б lesson.
    vera = school.students["vera"]
    membership = classes_pb2.Membership(
        id=str(uuid.uuid4()),
        school_id=str(school.id),
        person_id=str(vera),
        study_group_id=str(school.groups["5А/2"]),
        starts_on=types_pb2.Date(year=2026, month=9, day=1),
    )
    await publish(
        service.runtime, "roster", roster.MembershipStarted(membership=membership), school.id
    )
    await eventually(
        lambda: scalar(
            service.runtime, "SELECT count(*) FROM memberships WHERE person_id = :p", p=vera
        ),
        lambda n: n == 2,
    )
    clash = await add_entries(
        api,
        school,
        entry(
            school,
            weekday=3,
            period=1,
            subject="Английский язык",
            teacher=4,
            classes=["5А"],
            groups=["5А/2"],
            room="101",
        ),
        expect=409,
    )
    assert [(e["code"], e["ids"]) for e in clash["errors"]] == [("student", [str(vera)])]
    # Unknown class, missing bell period: a 422 naming each problem.
    bad = await add_entries(
        api,
        school,
        entry(school, weekday=4, period=9, subject="Физика", teacher=3, classes=["5Б"]),
        expect=422,
    )
    assert {e["code"] for e in bad["errors"]} == {"no_bells"}


async def test_alternating_weeks_share_a_slot(api: Any, service: Any) -> None:
    school = await set_up(api, service.runtime)
    await add_entries(
        api,
        school,
        entry(
            school,
            weekday=5,
            period=3,
            subject="Информатика",
            teacher=4,
            classes=["10А"],
            room="201",
            weeks="A",
        ),
        entry(
            school,
            weekday=5,
            period=3,
            subject="Физика",
            teacher=3,
            classes=["10А"],
            room="202",
            weeks="B",
        ),
    )
    clash = await add_entries(
        api,
        school,
        entry(
            school,
            weekday=5,
            period=3,
            subject="Математика",
            teacher=0,
            classes=["10А"],
            room="101",
            weeks="A",
        ),
        expect=409,
    )
    assert [e["code"] for e in clash["errors"]] == ["class"]
    report = await api.call("POST", f"/v1/academic-years/{school.year_id}/materialise", json={})
    assert report["created"] > 0 and report["kept"] == []
    subjects = {}
    for day in ("2026-09-04", "2026-09-11", "2026-09-18", "2026-09-25"):
        week = await api.call(
            "GET", f"/v1/weeks?date={day}&class_id={school.classes['10А']}", roles=["student"]
        )
        subjects[day] = [x["subject_name"] for x in week["lessons"]]
    assert subjects == {
        "2026-09-04": ["Информатика"],
        "2026-09-11": ["Физика"],
        "2026-09-18": ["Информатика"],
        "2026-09-25": ["Физика"],
    }

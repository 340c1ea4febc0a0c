"""Test support: a school set up through schedule's REST API as an administrator would."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from tabel_schedule.testing.roster_world import School, roster_facts

YEAR = {
    "start_year": 2026,
    "starts_on": "2026-09-01",
    "ends_on": "2027-05-31",
    "term_systems": [
        {
            "kind": "quarter",
            "grade_levels": list(range(1, 10)),
            "terms": [
                {"starts_on": "2026-09-01", "ends_on": "2026-10-24"},
                {"starts_on": "2026-11-05", "ends_on": "2026-12-28"},
                {"starts_on": "2027-01-12", "ends_on": "2027-03-20"},
                {"starts_on": "2027-03-30", "ends_on": "2027-05-26"},
            ],
        },
        {
            "kind": "half_year",
            "grade_levels": [10, 11],
            "terms": [
                {"starts_on": "2026-09-01", "ends_on": "2026-12-28"},
                {"starts_on": "2027-01-12", "ends_on": "2027-05-26"},
            ],
        },
    ],
    "holidays": [
        {"name": "Осенние каникулы", "starts_on": "2026-10-25", "ends_on": "2026-11-04"},
        {"name": "День народного единства", "starts_on": "2026-11-04", "ends_on": "2026-11-04"},
        {"name": "Зимние каникулы", "starts_on": "2026-12-29", "ends_on": "2027-01-11"},
    ],
}
BELLS = [("08:30", "09:15"), ("09:25", "10:10"), ("10:30", "11:15"), ("11:35", "12:20")]


async def set_up(api: Any, runtime: Any) -> School:
    school = School(api.school_id)
    await roster_facts(runtime, school)
    year = await api.call("POST", "/v1/academic-years", json=YEAR, expect=201)
    school.year_id = UUID(year["id"])
    periods = [{"number": n, "starts": a, "ends": b} for n, (a, b) in enumerate(BELLS, start=1)]
    await api.call(
        "POST",
        "/v1/bell-schedules",
        json={"name": "1 смена", "shift": 1, "periods": periods},
        expect=201,
    )
    building = await api.call("POST", "/v1/buildings", json={"name": "Главное"}, expect=201)
    for name in ("101", "102", "201", "202"):
        room = await api.call(
            "POST", "/v1/rooms", json={"building_id": building["id"], "name": name}, expect=201
        )
        school.rooms[name] = UUID(room["id"])
    for name in ("Математика", "Английский язык", "Информатика", "Физика", "Физкультура"):
        subject = await api.call("POST", "/v1/subjects", json={"name": name}, expect=201)
        school.subjects[name] = UUID(subject["id"])
    return school


def entry(
    school: School,
    *,
    weekday: int,
    period: int,
    subject: str,
    teacher: int,
    classes: list[str],
    room: str | None = None,
    groups: list[str] | None = None,
    weeks: str = "every",
) -> dict[str, Any]:
    return {
        "weekday": weekday,
        "period": period,
        "weeks": weeks,
        "subject_id": str(school.subjects[subject]),
        "teacher_id": str(school.teachers[teacher]),
        "class_ids": [str(school.classes[c]) for c in classes],
        "study_group_ids": [str(school.groups[g]) for g in groups or []],
        "room_id": str(school.rooms[room]) if room else None,
    }


async def add_entries(api: Any, school: School, *entries: dict[str, Any], expect: int = 201) -> Any:
    body = {"academic_year_id": str(school.year_id), "entries": list(entries)}
    return await api.call("POST", "/v1/timetable/entries", json=body, expect=expect)

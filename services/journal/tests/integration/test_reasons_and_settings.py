"""The class teacher's correction of absence reasons; the school's journal rules."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

import pytest

from .client import As, mark
from .test_lesson_entries import outbox
from .world import build_school

TODAY = date.today()


@pytest.fixture
async def school(journal: Any, issuer: Any) -> tuple[Any, As, uuid.UUID]:
    w = await build_school(journal, TODAY)
    return w, As(journal, issuer, w), await w.lesson("5А", w.math, "math_5a", TODAY)


async def test_only_the_class_teacher_corrects_absence_reasons(school: Any) -> None:
    w, call, lesson = school
    s1, s2 = w.person("s1"), w.person("s2")
    saved = await call(
        "math_5a",
        "PUT",
        f"/v1/journal/lessons/{lesson}/journal",
        json={"attendance": [{"student_id": str(s1), "status": "absent"}]},
    )
    assert saved.status_code == 200
    url = f"/v1/journal/lessons/{lesson}/attendance/{s1}/reason"
    body = {"status": "ill", "reason": "справка из поликлиники № 3"}
    for who in ("math_5a", "class_teacher_5b", "director", "parent1"):
        refused = await call(who, "PATCH", url, json=body)
        assert refused.status_code == 403, who
        assert refused.json()["code"] == "reason_correction_forbidden"
    fixed = await call("class_teacher_5a", "PATCH", url, json=body)
    assert fixed.status_code == 200, fixed.text
    assert (fixed.json()["status"], fixed.json()["reason"]) == ("ill", body["reason"])
    versions = [
        v
        for v in (await call("director", "GET", f"/v1/journal/lessons/{lesson}/history")).json()[
            "versions"
        ]
        if v["entity"] == "attendance"
    ]
    assert [v["action"] for v in versions] == ["create", "update"]
    assert versions[1]["before"]["status"] == "absent" and versions[1]["after"]["status"] == "ill"
    assert versions[1]["actor_person_id"] == str(w.person("class_teacher_5a"))
    assert "Корректировка" in versions[1]["reason"]
    present = await call(
        "class_teacher_5a",
        "PATCH",
        f"/v1/journal/lessons/{lesson}/attendance/{s2}/reason",
        json=body,
    )
    assert present.status_code == 404 and present.json()["code"] == "attendance_not_found"
    wrong = await call("class_teacher_5a", "PATCH", url, json={"status": "late"})
    assert wrong.status_code == 422


TEN_POINT_FOR_GRADE_5 = {
    "scales": [
        {"scale": "none", "grade_levels": [1]},
        {"scale": "ten_point", "grade_levels": [5]},
        {"scale": "five_point"},
    ],
    "work_types": {
        "oral": {"name": "Ответ на уроке", "weight": 1},
        "olympiad": {"name": "Олимпиада", "weight": 4, "written": True},
    },
    "rounding": {"ten_point": [[8.5, "9"], [9.5, "10"], [2.5, "3"]]},
    "homework_deadline_minutes": 90,
}


async def test_management_sets_the_rules_and_lessons_follow_them(school: Any, journal: Any) -> None:
    w, call, lesson = school
    assert (await call("parent1", "GET", "/v1/journal/settings")).status_code == 403
    defaults = (await call("math_5a", "GET", "/v1/journal/settings")).json()
    assert defaults["work_types"]["test"]["weight"] == 3
    assert defaults["homework_deadline_minutes"] == 120
    refused = await call("math_5a", "PUT", "/v1/journal/settings", json=TEN_POINT_FOR_GRADE_5)
    assert refused.status_code == 403
    bad = await call(
        "director",
        "PUT",
        "/v1/journal/settings",
        json={
            **TEN_POINT_FOR_GRADE_5,
            "time_zone": "Mars/Olympus",
            "rounding": {"five_point": [[4.5, "7"]]},
        },
    )
    assert bad.status_code == 422
    saved = await call("director", "PUT", "/v1/journal/settings", json=TEN_POINT_FOR_GRADE_5)
    assert saved.status_code == 200, saved.text
    assert (await call("math_5a", "GET", "/v1/journal/settings")).json()["work_types"]["olympiad"][
        "weight"
    ] == 4
    url = f"/v1/journal/lessons/{lesson}/journal"
    s1 = w.person("s1")
    nine = await call("math_5a", "PUT", url, json={"marks": [mark(s1, "9", "olympiad")]})
    assert nine.status_code == 200, nine.text
    assert (
        nine.json()["marks"][0]["weight"] == 4 and nine.json()["marks"][0]["scale"] == "ten_point"
    )
    gone = await call("math_5a", "PUT", url, json={"marks": [mark(s1, "5", "test")]})
    assert gone.status_code == 422 and gone.json()["errors"][0]["field"] == "marks.0.work_type"
    assert (
        await call("director", "PUT", "/v1/journal/settings", json=TEN_POINT_FOR_GRADE_5)
    ).status_code == 200
    events = await outbox(journal, w.school)
    assert events.count("tabel.journal.journal_settings.changed.v1") == 1, "unchanged: no event"

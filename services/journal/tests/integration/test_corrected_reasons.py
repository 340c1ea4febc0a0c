"""An absence reason the class teacher corrected (seed 002 2.9) stays as corrected: a subject
teacher's later save of the lesson keeps that row and says so in its answer, while the rest
of the save goes through. The correction takes an Idempotency-Key like every write."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

import pytest

from .client import As, mark
from .test_lesson_entries import outbox
from .world import World, build_school

TODAY = date.today()


@pytest.fixture
async def corrected(journal: Any, issuer: Any) -> tuple[World, As, uuid.UUID]:
    """s1 and s2 absent at today's maths of 5А; the class teacher corrected s1's reason."""
    w = await build_school(journal, TODAY)
    call = As(journal, issuer, w)
    lesson = await w.lesson("5А", w.math, "math_5a", TODAY)
    absent = [{"student_id": str(w.person(s)), "status": "absent"} for s in ("s1", "s2")]
    saved = await call(
        "math_5a", "PUT", f"/v1/journal/lessons/{lesson}/journal", json={"attendance": absent}
    )
    assert saved.status_code == 200, saved.text
    fixed = await call(
        "class_teacher_5a",
        "PATCH",
        f"/v1/journal/lessons/{lesson}/attendance/{w.person('s1')}/reason",
        json={"status": "ill", "reason": "справка № 17"},
    )
    assert fixed.status_code == 200, fixed.text
    assert fixed.json()["reason_corrected"] is True
    return w, call, lesson


async def attendance_versions(call: As, lesson: uuid.UUID, student: uuid.UUID) -> int:
    history = (await call("director", "GET", f"/v1/journal/lessons/{lesson}/history")).json()
    return sum(1 for v in history["versions"] if v["entity_id"] == f"{lesson}/{student}")


async def test_a_subject_teachers_save_keeps_the_corrected_reason(corrected: Any) -> None:
    w, call, lesson = corrected
    s1, s2 = w.person("s1"), w.person("s2")
    url = f"/v1/journal/lessons/{lesson}/journal"
    versions = await attendance_versions(call, lesson, s1)
    for status in ("absent", "present"):  # a page opened before the correction, or a change
        stale = await call(
            "math_5a",
            "PUT",
            url,
            json={
                "marks": [mark(s2, "4")],
                "attendance": [
                    {"student_id": str(s2), "status": "late", "late_minutes": 7},
                    {"student_id": str(s1), "status": status},
                ],
            },
        )
        assert stale.status_code == 200, stale.text
        answer = stale.json()
        rows = {a["student_id"]: a for a in answer["attendance"]}
        assert (rows[str(s1)]["status"], rows[str(s1)]["reason"]) == ("ill", "справка № 17")
        assert rows[str(s1)]["reason_corrected"] is True
        assert rows[str(s2)]["status"] == "late", "the rest of the save goes through"
        assert [(k["field"], k["code"]) for k in answer["kept"]] == [
            ("attendance.1", "reason_corrected")
        ]
        assert "классн" in answer["kept"][0]["message"]
    assert await attendance_versions(call, lesson, s1) == versions, "no new version of s1's row"
    # The page as it is now (the corrected row sent back unchanged) reports nothing.
    same = await call(
        "math_5a",
        "PUT",
        url,
        json={"attendance": [{"student_id": str(s1), "status": "ill", "reason": "справка № 17"}]},
    )
    assert same.status_code == 200 and same.json()["kept"] == [] and same.json()["changes"] == 0


async def test_the_class_teacher_still_changes_a_corrected_row(corrected: Any) -> None:
    w, call, lesson = corrected
    s1 = w.person("s1")
    changed = await call(
        "class_teacher_5a",
        "PUT",
        f"/v1/journal/lessons/{lesson}/journal",
        json={"attendance": [{"student_id": str(s1), "status": "excused", "reason": "заявление"}]},
    )
    assert changed.status_code == 200 and changed.json()["kept"] == [], changed.text
    row = next(a for a in changed.json()["attendance"] if a["student_id"] == str(s1))
    assert (row["status"], row["reason"], row["reason_corrected"]) == ("excused", "заявление", True)
    # Another class's class teacher has no write to this lesson at all.
    other = await call(
        "class_teacher_5b",
        "PUT",
        f"/v1/journal/lessons/{lesson}/journal",
        json={"attendance": [{"student_id": str(s1), "status": "absent"}]},
    )
    assert other.status_code == 403 and other.json()["code"] == "lesson_forbidden"


async def test_the_reason_correction_takes_an_idempotency_key(journal: Any, issuer: Any) -> None:
    w = await build_school(journal, TODAY)
    call = As(journal, issuer, w)
    lesson = await w.lesson("5А", w.math, "math_5a", TODAY)
    s1 = w.person("s1")
    assert (
        await call(
            "math_5a",
            "PUT",
            f"/v1/journal/lessons/{lesson}/journal",
            json={"attendance": [{"student_id": str(s1), "status": "absent"}]},
        )
    ).status_code == 200
    url = f"/v1/journal/lessons/{lesson}/attendance/{s1}/reason"
    body = {"status": "ill", "reason": "справка"}
    first = await call("class_teacher_5a", "PATCH", url, json=body, key="fix-1")
    assert first.status_code == 200, first.text
    events = await outbox(journal, w.school)
    versions = await attendance_versions(call, lesson, s1)
    again = await call("class_teacher_5a", "PATCH", url, json=body, key="fix-1")
    assert again.status_code == 200 and again.json() == first.json()
    assert await outbox(journal, w.school) == events, "a retry publishes nothing"
    assert await attendance_versions(call, lesson, s1) == versions
    other = await call(
        "class_teacher_5a", "PATCH", url, json={**body, "status": "excused"}, key="fix-1"
    )
    assert other.status_code == 409 and other.json()["code"] == "idempotency_key_reused"
    # The key does not open the door to someone else: their request is refused as ever.
    refused = await call("math_5a", "PATCH", url, json=body, key="fix-1")
    assert refused.status_code == 403 and refused.json()["code"] == "reason_correction_forbidden"

"""Lessons that did not (or not yet) take place: a cancelled lesson's marks can be removed
and its attendance cleared, with a reason, but nothing new entered; a lesson after today (in
the school's time zone) takes no marks or attendance, while its topic and homework may be
written ahead."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from .client import As, mark
from .world import build_school

TODAY = date.today()


async def test_a_cancelled_lessons_entries_can_be_removed_not_added(
    journal: Any, issuer: Any
) -> None:
    w = await build_school(journal, TODAY)
    call = As(journal, issuer, w)
    lesson = await w.lesson("5А", w.math, "math_5a", TODAY)
    url = f"/v1/journal/lessons/{lesson}/journal"
    s1, s2 = w.person("s1"), w.person("s2")
    wrong, kept = uuid.uuid4(), uuid.uuid4()
    before = await call(
        "math_5a",
        "PUT",
        url,
        json={
            "topic": "Дроби",
            "marks": [mark(s1, "2", mark_id=wrong), mark(s2, "4", mark_id=kept)],
            "attendance": [
                {"student_id": str(s1), "status": "absent"},
                {"student_id": str(s2), "status": "late", "late_minutes": 10},
            ],
        },
    )
    assert before.status_code == 200, before.text
    await w.lesson_changed(lesson, substitute=None, cancelled=True)

    for body in (
        {"marks": [mark(s1, "5")], "reason": "x"},
        {"marks": [mark(s2, "5", mark_id=kept)], "reason": "x"},
        {"topic": "Другое", "reason": "x"},
        {"attendance": [{"student_id": str(s2), "status": "absent"}], "reason": "x"},
        {"deleted_mark_ids": [str(wrong)], "marks": [mark(s1, "3")], "reason": "x"},
    ):
        refused = await call("math_5a", "PUT", url, json=body)
        assert refused.status_code == 409, (body, refused.text)
        assert refused.json()["code"] == "lesson_cancelled"
    no_reason = await call("math_5a", "PUT", url, json={"deleted_mark_ids": [str(wrong)]})
    assert no_reason.status_code == 422
    stranger = await call(
        "math_5b", "PUT", url, json={"deleted_mark_ids": [str(wrong)], "reason": "урок отменён"}
    )
    assert stranger.status_code == 403 and stranger.json()["code"] == "lesson_forbidden"

    removed = await call(
        "math_5a",
        "PUT",
        url,
        json={
            "marks": [mark(s2, "4", mark_id=kept)],  # sent back unchanged: fine
            "deleted_mark_ids": [str(wrong)],
            "reason": "урок отменён",
        },
    )
    assert removed.status_code == 200, removed.text
    assert [m["mark_id"] for m in removed.json()["marks"]] == [str(kept)]
    unreasoned = await call(
        "math_5a", "PUT", url, json={"attendance": [{"student_id": str(s1), "status": "present"}]}
    )
    assert unreasoned.status_code == 422 and unreasoned.json()["code"] == "reason_required"
    cleared = await call(
        "math_5a",
        "PUT",
        url,
        json={
            "attendance": [
                {"student_id": str(s1), "status": "present"},
                {"student_id": str(s2), "status": "present"},
            ],
            "reason": "урок отменён",
        },
    )
    assert cleared.status_code == 200, cleared.text
    assert {a["status"] for a in cleared.json()["attendance"]} == {"present"}
    history = (await call("math_5a", "GET", f"/v1/journal/lessons/{lesson}/history")).json()
    last = {v["entity_id"]: v for v in history["versions"]}
    assert last[str(wrong)]["action"] == "delete" and last[str(wrong)]["reason"] == "урок отменён"
    assert last[f"{lesson}/{s1}"]["reason"] == "урок отменён"
    assert last[f"{lesson}/{s1}"]["after"]["status"] == "present"


async def test_no_marks_or_attendance_ahead_of_the_lesson(journal: Any, issuer: Any) -> None:
    w = await build_school(journal, TODAY)
    call = As(journal, issuer, w)
    ahead = await w.lesson("5А", w.math, "math_5a", TODAY + timedelta(days=20))
    url = f"/v1/journal/lessons/{ahead}/journal"
    s1 = w.person("s1")
    for body in (
        {"marks": [mark(s1)]},
        {"attendance": [{"student_id": str(s1), "status": "absent"}]},
        {"topic": "Проценты", "marks": [mark(s1)]},
    ):
        refused = await call("math_5a", "PUT", url, json=body)
        assert refused.status_code == 422, (body, refused.text)
        assert refused.json()["code"] == "lesson_in_future"
        assert "ещё не" in refused.json()["detail"], refused.text
    planned = await call("math_5a", "PUT", url, json={"topic": "Проценты", "work_types": ["oral"]})
    assert planned.status_code == 200 and planned.json()["record"]["topic"] == "Проценты"
    homework = await call(
        "math_5a",
        "PUT",
        f"/v1/journal/lessons/{ahead}/homework/{uuid.uuid4()}",
        json={"text": "№ 1"},
    )
    assert homework.status_code == 200, homework.text
    stranger = await call("math_5b", "PUT", url, json={"topic": "Проценты"})
    assert stranger.status_code == 403 and stranger.json()["code"] == "lesson_forbidden"
    today = await w.lesson("5А", w.math, "math_5a", TODAY, period=3)
    assert (
        await call(
            "math_5a", "PUT", f"/v1/journal/lessons/{today}/journal", json={"marks": [mark(s1)]}
        )
    ).status_code == 200


async def test_today_is_the_schools_day(journal: Any, issuer: Any) -> None:
    """UTC+14 is always a day or two ahead of UTC−12: a lesson on the date it is in UTC+14
    takes marks in a school there, and is still ahead for a school in UTC−12."""
    w = await build_school(journal, TODAY)
    call = As(journal, issuer, w)
    east = datetime.now(UTC).astimezone(ZoneInfo("Etc/GMT-14")).date()
    lesson = await w.lesson("5А", w.math, "math_5a", east)
    url = f"/v1/journal/lessons/{lesson}/journal"
    rules = (await call("director", "GET", "/v1/journal/settings")).json()
    for zone, status in (("Etc/GMT+12", 422), ("Etc/GMT-14", 200)):
        put = await call(
            "director", "PUT", "/v1/journal/settings", json={**rules, "time_zone": zone}
        )
        assert put.status_code == 200, put.text
        saved = await call("math_5a", "PUT", url, json={"marks": [mark(w.person("s1"))]})
        assert saved.status_code == status, (zone, saved.text)

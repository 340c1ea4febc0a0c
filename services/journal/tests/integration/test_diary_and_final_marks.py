"""The diary for students and guardians, and final marks with their suggestion."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

import pytest

from .client import As, mark
from .world import build_school

TODAY = date.today()


@pytest.fixture
async def school(journal: Any, issuer: Any) -> tuple[Any, As, uuid.UUID]:
    w = await build_school(journal, TODAY)
    call = As(journal, issuer, w)
    lesson = await w.lesson("5А", w.math, "math_5a", TODAY)
    body = {
        "topic": "Дроби",
        "marks": [
            mark(w.person("s1"), "5"),
            mark(w.person("s1"), "3", "test"),
            mark(w.person("s2"), "4"),
        ],
        "attendance": [
            {"student_id": str(w.person("s2")), "status": "absent", "reason": "без причины"}
        ],
    }
    assert (
        await call("math_5a", "PUT", f"/v1/journal/lessons/{lesson}/journal", json=body)
    ).status_code == 200
    return w, call, lesson


@pytest.mark.parametrize(
    ("who", "student", "status"),
    [
        ("s1", "s1", 200),
        ("s1", "s2", 403),  # a student sees only themself
        ("parent1", "s1", 200),
        ("parent1", "s2", 403),  # a guardian only their own child
        ("parent_b1", "s1", 403),
        ("class_teacher_5a", "s1", 200),
        ("class_teacher_5b", "s1", 403),
        ("director", "s1", 200),
        ("math_5b", "s1", 403),
        ("stranger", "s1", 403),
    ],
)
async def test_diary_access(school: Any, who: str, student: str, status: int) -> None:
    w, call, _ = school
    r = await call(who, "GET", f"/v1/journal/diary/{w.person(student)}/week?on={TODAY}")
    assert r.status_code == status, r.text
    t = await call(who, "GET", f"/v1/journal/diary/{w.person(student)}/terms/{w.term}")
    assert t.status_code == status


async def test_the_week_shows_topic_marks_and_attendance_of_the_child_only(school: Any) -> None:
    w, call, lesson = school
    week = (
        await call("parent1", "GET", f"/v1/journal/diary/{w.person('s1')}/week?on={TODAY}")
    ).json()
    lessons = [le for d in week["days"] for le in d["lessons"]]
    assert [le["lesson_id"] for le in lessons] == [str(lesson)]
    assert lessons[0]["topic"] == "Дроби" and lessons[0]["attendance"] is None
    assert sorted(m["value"] for m in lessons[0]["marks"]) == ["3", "5"]
    other = (
        await call("parent2", "GET", f"/v1/journal/diary/{w.person('s2')}/week?on={TODAY}")
    ).json()
    theirs = next(le for d in other["days"] for le in d["lessons"])
    assert theirs["attendance"] == "absent" and [m["value"] for m in theirs["marks"]] == ["4"]


async def test_term_summary_averages_and_forecast(school: Any) -> None:
    w, call, _ = school
    summary = (await call("s1", "GET", f"/v1/journal/diary/{w.person('s1')}/terms/{w.term}")).json()
    math = summary["subjects"][0]
    assert math["average"] == 4.0
    assert math["weighted_average"] == 3.5  # (5*1 + 3*3) / 4
    assert math["forecast"]["suggested"] == "4" and math["forecast"]["next_mark"] == "5"
    # 4.5 from 14/4 takes n fives of weight 1 with (14 + 5n) / (4 + n) >= 4.5: n = 8;
    # with fives for tests (weight 3): (14 + 15n) / (4 + 3n) >= 4.5: n = 3.
    assert math["forecast"]["top_marks_needed"] == 8
    assert math["forecast"]["heavy_marks_needed"] == 3


async def test_final_marks_by_subject_teacher_and_class_teacher_only(school: Any) -> None:
    w, call, _ = school
    body = {
        "student_id": str(w.person("s1")),
        "subject_id": str(w.math),
        "kind": "term",
        "term_id": str(w.term),
        "value": "4",
    }
    sugg = await call(
        "math_5a",
        "GET",
        f"/v1/journal/final-marks/suggestion?student_id={w.person('s1')}"
        f"&subject_id={w.math}&term_id={w.term}",
    )
    assert sugg.status_code == 200 and sugg.json()["suggested"] == "4"
    assert (await call("math_5b", "PUT", "/v1/journal/final-marks", json=body)).status_code == 403
    assert (
        await call("history_5a", "PUT", "/v1/journal/final-marks", json=body)
    ).status_code == 403
    assert (await call("parent1", "PUT", "/v1/journal/final-marks", json=body)).status_code == 403
    bad = await call("math_5a", "PUT", "/v1/journal/final-marks", json={**body, "value": "6"})
    assert bad.status_code == 422 and bad.json()["errors"][0]["code"] == "value_out_of_scale"
    assert bad.json()["errors"][0]["message"] == "Отметка не соответствует шкале оценивания."
    first = await call("math_5a", "PUT", "/v1/journal/final-marks", json=body, key="f-1")
    assert first.status_code == 200 and first.json()["set_as"] == "subject_teacher"
    assert (
        await call("math_5a", "PUT", "/v1/journal/final-marks", json=body, key="f-1")
    ).json() == first.json()
    by_ct = await call(
        "class_teacher_5a", "PUT", "/v1/journal/final-marks", json={**body, "value": "5"}
    )
    assert (
        by_ct.status_code == 200
        and by_ct.json()["set_as"] == "class_teacher"
        and by_ct.json()["version"] == 2
    )
    await w.close_term()
    locked = await call(
        "class_teacher_5a", "PUT", "/v1/journal/final-marks", json={**body, "value": "4"}
    )
    assert locked.status_code == 403 and locked.json()["code"] == "term_closed"
    summary = (
        await call("parent1", "GET", f"/v1/journal/diary/{w.person('s1')}/terms/{w.term}")
    ).json()
    assert summary["subjects"][0]["final_marks"][0]["value"] == "5"


async def test_a_saved_mark_shows_in_a_week_already_read(school: Any) -> None:
    """The diary week cache never hides a change made through this process."""
    w, call, lesson = school
    path = f"/v1/journal/diary/{w.person('s1')}/week?on={TODAY}"

    def values(week: dict[str, Any]) -> list[str]:
        return sorted(m["value"] for d in week["days"] for le in d["lessons"] for m in le["marks"])

    assert values((await call("parent1", "GET", path)).json()) == ["3", "5"]
    body = {"marks": [mark(w.person("s1"), "2")]}
    saved = await call("math_5a", "PUT", f"/v1/journal/lessons/{lesson}/journal", json=body)
    assert saved.status_code == 200, saved.text
    assert values((await call("parent1", "GET", path)).json()) == ["2", "3", "5"]


async def test_a_week_cached_for_one_reader_is_refused_to_everyone_else(school: Any) -> None:
    """A cached week is answered only to the reader it was read for (http_diary_hits.py)."""
    w, call, _ = school
    path = f"/v1/journal/diary/{w.person('s1')}/week?on={TODAY}"
    first = await call("parent1", "GET", path)
    again = await call("parent1", "GET", path)
    assert first.status_code == again.status_code == 200 and first.content == again.content
    assert again.headers["content-type"] == first.headers["content-type"]
    for who in ("parent2", "parent_b1", "stranger", "math_5b"):
        refused = await call(who, "GET", path)
        assert (refused.status_code, refused.json()["code"]) == (403, "student_forbidden"), who
    elsewhere = await call("parent1", "GET", path, school=uuid.uuid4())
    assert (elsewhere.status_code, elsewhere.json()["code"]) == (403, "school_mismatch")
    malformed = await call("parent1", "GET", f"/v1/journal/diary/{w.person('s1')}/week?on=")
    assert malformed.status_code == 422

"""Marks of a lesson cancelled after they were given count in no average, forecast or
suggested final mark (the lesson did not take place)."""

from __future__ import annotations

import uuid
from datetime import date, timedelta
from typing import Any

import pytest

from .client import As, mark
from .world import build_school

TODAY = date.today()


@pytest.fixture
async def school(journal: Any, issuer: Any) -> tuple[Any, As]:
    """s1: a 5 at yesterday's maths lesson, a 2 and a 3 at today's, which is then cancelled."""
    w = await build_school(journal, TODAY)
    call = As(journal, issuer, w)
    held = await w.lesson("5А", w.math, "math_5a", TODAY - timedelta(days=1))
    cancelled = await w.lesson("5А", w.math, "math_5a", TODAY)
    s1 = w.person("s1")
    for lesson, marks in ((held, [mark(s1, "5")]), (cancelled, [mark(s1, "2"), mark(s1, "3")])):
        saved = await call(
            "math_5a", "PUT", f"/v1/journal/lessons/{lesson}/journal", json={"marks": marks}
        )
        assert saved.status_code == 200, saved.text
    await w.lesson_changed(cancelled, substitute=None, cancelled=True)
    return w, call


async def test_the_diary_averages_only_marks_of_lessons_that_took_place(school: Any) -> None:
    w, call = school
    summary = await call("parent1", "GET", f"/v1/journal/diary/{w.person('s1')}/terms/{w.term}")
    assert summary.status_code == 200, summary.text
    math = summary.json()["subjects"][0]
    assert (math["average"], math["weighted_average"]) == (5.0, 5.0)
    assert math["forecast"]["suggested"] == "5" and math["forecast"]["next_mark"] is None
    shown = sorted((m["value"], m["lesson_cancelled"]) for m in math["marks"])
    assert shown == [("2", True), ("3", True), ("5", False)]


async def test_the_suggested_final_mark_leaves_them_out(school: Any) -> None:
    w, call = school
    path = (
        f"/v1/journal/final-marks/suggestion?student_id={w.person('s1')}"
        f"&subject_id={w.math}&term_id={w.term}"
    )
    sugg = await call("math_5a", "GET", path)
    assert sugg.status_code == 200, sugg.text
    assert sugg.json()["average"] == 5.0 and sugg.json()["marks"] == 1
    assert sugg.json()["suggested"] == "5"


@pytest.mark.parametrize("who", ["math_5b", "class_teacher_5b", "parent1", "s1"])
async def test_others_may_not_read_the_suggestion(school: Any, who: str) -> None:
    w, call = school
    path = (
        f"/v1/journal/final-marks/suggestion?student_id={w.person('s1')}"
        f"&subject_id={w.math}&term_id={w.term}"
    )
    refused = await call(who, "GET", path)
    assert (refused.status_code, refused.json()["code"]) == (403, "final_forbidden")


async def test_a_suggestion_for_an_unknown_term_is_a_404(school: Any) -> None:
    w, call = school
    path = (
        f"/v1/journal/final-marks/suggestion?student_id={w.person('s1')}"
        f"&subject_id={w.math}&term_id={uuid.uuid4()}"
    )
    missing = await call("math_5a", "GET", path)
    assert (missing.status_code, missing.json()["code"]) == (404, "term_not_found")

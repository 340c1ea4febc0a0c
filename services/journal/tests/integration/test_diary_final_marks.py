"""The diary's term view shows the final marks of that term and of its year (seed 003 II.2.1:
results of intermediate and final assessment), per subject, also in subjects without current
marks, and never the final marks of another term or year."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest

from .client import As, mark
from .final_marks_kit import HALF_YEAR, TermSpec, add_year, final, put_final
from .world import build_school

TODAY = date.today()


@pytest.fixture
async def school(journal: Any, issuer: Any) -> tuple[Any, As, TermSpec]:
    """s1 has maths marks in the quarter; a half-year of the same year has no marks at all."""
    w = await build_school(journal, TODAY)
    call = As(journal, issuer, w)
    half = TermSpec(TODAY - timedelta(days=60), TODAY + timedelta(days=60), 1, HALF_YEAR)
    await add_year(w, [half], year=w.year)
    lesson = await w.lesson("5А", w.math, "math_5a", TODAY)
    body = {"marks": [mark(w.person("s1"), "5"), mark(w.person("s1"), "4")]}
    saved = await call("math_5a", "PUT", f"/v1/journal/lessons/{lesson}/journal", json=body)
    assert saved.status_code == 200, saved.text
    await w.lesson("5А", w.history, "history_5a", TODAY, period=2, subject_name="История")
    return w, call, half


def finals(summary: dict[str, Any]) -> dict[str, list[tuple[str, str]]]:
    return {
        s["subject_name"]: sorted((f["kind"], f["value"]) for f in s["final_marks"])
        for s in summary["subjects"]
    }


async def test_final_marks_of_the_term_and_its_year_show_without_current_marks(
    school: Any,
) -> None:
    w, call, half = school
    sets = [
        final(w, "s1", w.math, "half_year", half.id, "5"),
        final(w, "s1", w.history, "year", half.id, "4"),
        final(w, "s1", w.math, "term", w.term, "4"),
    ]
    for body in sets:
        who = "math_5a" if body["subject_id"] == str(w.math) else "history_5a"
        assert (await put_final(call, who, body)).status_code == 200
    other = TermSpec(TODAY - timedelta(days=400), TODAY - timedelta(days=300), 1)
    await add_year(w, [other])  # last year: its marks belong to its own views only
    for kind in ("term", "year"):
        old = await put_final(call, "class_teacher_5a", final(w, "s1", w.math, kind, other.id, "3"))
        assert old.status_code == 200, old.text

    by_half = await call("parent1", "GET", f"/v1/journal/diary/{w.person('s1')}/terms/{half.id}")
    assert by_half.status_code == 200, by_half.text
    assert finals(by_half.json()) == {
        "Математика": [("half_year", "5")],
        "История": [("year", "4")],
    }
    math = next(s for s in by_half.json()["subjects"] if s["subject_name"] == "Математика")
    assert math["marks"] == [] and math["average"] is None

    by_quarter = await call("s1", "GET", f"/v1/journal/diary/{w.person('s1')}/terms/{w.term}")
    assert finals(by_quarter.json()) == {
        "Математика": [("term", "4")],
        "История": [("year", "4")],
    }
    by_last_year = await call("s1", "GET", f"/v1/journal/diary/{w.person('s1')}/terms/{other.id}")
    assert finals(by_last_year.json()) == {"Математика": [("term", "3"), ("year", "3")]}


@pytest.mark.parametrize("who", ["math_5b", "class_teacher_5b", "parent2", "s2"])
async def test_others_do_not_see_the_term_view(school: Any, who: str) -> None:
    w, call, half = school
    r = await call(who, "GET", f"/v1/journal/diary/{w.person('s1')}/terms/{half.id}")
    assert (r.status_code, r.json()["code"]) == (403, "student_forbidden")

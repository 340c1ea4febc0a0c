"""With the school's thresholds [[4.6, "5"], [3.6, "4"], [2.6, "3"]], an average of 2.0 is a
suggested "2", and the diary's forecast says a "3" is next (not the "3" it is already)."""

from __future__ import annotations

from datetime import date
from typing import Any

from .client import As, mark
from .world import build_school

TODAY = date.today()
SETTINGS = {
    "scales": [{"scale": "none", "grade_levels": [1]}, {"scale": "five_point"}],
    "work_types": {"oral": {"name": "Ответ на уроке", "weight": 1}},
    "rounding": {"five_point": [[4.6, "5"], [3.6, "4"], [2.6, "3"]]},
}


async def test_an_average_under_every_threshold_suggests_a_two(journal: Any, issuer: Any) -> None:
    w = await build_school(journal, TODAY)
    call = As(journal, issuer, w)
    assert (await call("math_5a", "PUT", "/v1/journal/settings", json=SETTINGS)).status_code == 403
    saved = await call("director", "PUT", "/v1/journal/settings", json=SETTINGS)
    assert saved.status_code == 200, saved.text
    lesson = await w.lesson("5А", w.math, "math_5a", TODAY)
    s1 = w.person("s1")
    body = {"marks": [mark(s1, "2"), mark(s1, "2")]}
    assert (
        await call("math_5a", "PUT", f"/v1/journal/lessons/{lesson}/journal", json=body)
    ).status_code == 200

    path = "/v1/journal/final-marks/suggestion"
    params = {"student_id": str(s1), "subject_id": str(w.math), "term_id": str(w.term)}
    sugg = (await call("math_5a", "GET", path, params=params)).json()
    assert (sugg["weighted_average"], sugg["suggested"]) == (2.0, "2")
    for who in ("math_5b", "parent1", "s1"):
        assert (await call(who, "GET", path, params=params)).status_code == 403, who

    summary = (await call("parent1", "GET", f"/v1/journal/diary/{s1}/terms/{w.term}")).json()
    fc = summary["subjects"][0]["forecast"]
    assert (fc["suggested"], fc["next_mark"], fc["needed_average"]) == ("2", "3", 2.6)
    # (4 + 5n) / (2 + n) >= 2.6: n = 1 five.
    assert fc["top_marks_needed"] == 1
    assert (
        await call("parent2", "GET", f"/v1/journal/diary/{s1}/terms/{w.term}")
    ).status_code == 403

"""A school's rounding thresholds: finite, on the scale, strictly ordered, down to the lowest
passing mark; anything else is a 422 naming the field, and nothing is saved."""

from __future__ import annotations

import json
import math
from datetime import date
from typing import Any

import pytest

from .client import As
from .test_lesson_entries import outbox
from .world import World, build_school

TODAY = date.today()
URL = "/v1/journal/settings"
FIVE = [[4.6, "5"], [3.6, "4"], [2.6, "3"], [0, "2"]]


def settings(rounding: dict[str, Any]) -> dict[str, Any]:
    return {
        "scales": [{"scale": "none", "grade_levels": [1]}, {"scale": "five_point"}],
        "work_types": {"oral": {"name": "Ответ на уроке", "weight": 1}},
        "rounding": rounding,
    }


@pytest.fixture
async def school(journal: Any, issuer: Any) -> tuple[World, As]:
    w = await build_school(journal, TODAY)
    return w, As(journal, issuer, w)


BAD: dict[str, tuple[dict[str, Any], str, str]] = {
    "NaN as text": ({"five_point": [["NaN", "5"], *FIVE[1:]]}, "0.0", "threshold_not_finite"),
    "NaN": ({"five_point": [[math.nan, "5"], *FIVE[1:]]}, "0.0", "threshold_not_finite"),
    "Infinity": (
        {"five_point": [*FIVE[:3], ["-Infinity", "2"]]},
        "3.0",
        "threshold_not_finite",
    ),
    "infinity": ({"five_point": [[math.inf, "5"], *FIVE[1:]]}, "0.0", "threshold_not_finite"),
    "above the scale": ({"five_point": [[7, "5"], *FIVE[1:]]}, "0.0", "threshold_out_of_range"),
    "below zero": ({"five_point": [*FIVE[:3], [-1, "2"]]}, "3.0", "threshold_out_of_range"),
    "a «3» for an average of 1.5": (
        {"five_point": [[4.5, "5"], [3.5, "4"], [1.5, "3"]]},
        "2.0",
        "threshold_out_of_range",
    ),
    "a mark off the scale": ({"five_point": [[4.5, "7"], *FIVE[1:]]}, "0.1", "value_out_of_scale"),
    "a special mark": ({"five_point": [*FIVE, [0, "н/а"]]}, "4.1", "value_out_of_scale"),
    "marks not descending": (
        {"five_point": [*FIVE[:3], [0.5, "2"], [1.0, "1"]]},
        "",
        "rounding_not_descending",
    ),
    "one mark twice": (
        {"five_point": [[4.8, "5"], *FIVE]},
        "",
        "rounding_not_descending",
    ),
    "one threshold twice": (
        {"five_point": [*FIVE[:3], [1.0, "2"], [1.0, "1"]]},
        "",
        "rounding_not_descending",
    ),
    "no lowest passing mark": (
        {"ten_point": [[8.5, "9"], [9.5, "10"]]},
        "",
        "rounding_incomplete",
    ),
    "a pass/fail scale": ({"pass_fail": [[0.5, "pass"]]}, "", "rounding_not_numeric"),
}


@pytest.mark.parametrize("name", list(BAD))
async def test_bad_thresholds_are_a_422_naming_the_field_and_nothing_is_saved(
    school: tuple[World, As], journal: Any, name: str
) -> None:
    w, call = school
    rounding, path, code = BAD[name]
    # As a client may send it: JSON's NaN and Infinity are not standard, but parsers take them.
    body = json.dumps(settings(rounding), allow_nan=True).encode()
    r = await call("director", "PUT", URL, content=body, content_type="application/json")
    assert r.status_code == 422, (name, r.text)
    scale = next(iter(rounding))
    field = f"rounding.{scale}" + (f".{path}" if path else "")
    assert [(e["field"], e["code"]) for e in r.json()["errors"]] == [(field, code)], r.text
    assert any("а" <= ch <= "я" for ch in r.json()["errors"][0]["message"].lower())
    assert (await call("director", "GET", URL)).json()["rounding"] == {}
    assert "tabel.journal.journal_settings.changed.v1" not in await outbox(journal, w.school)


async def test_thresholds_down_to_the_lowest_pass_are_saved_and_a_teacher_is_refused(
    school: tuple[World, As],
) -> None:
    _, call = school
    body = settings({"five_point": FIVE, "ten_point": [[9.5, "10"], [8.5, "9"], [2.5, "3"]]})
    refused = await call("math_5a", "PUT", URL, json=body)
    assert refused.status_code == 403 and refused.json()["code"] == "management_only"
    saved = await call("director", "PUT", URL, json=body)
    assert saved.status_code == 200, saved.text
    assert (await call("math_5a", "GET", URL)).json()["rounding"]["five_point"] == FIVE

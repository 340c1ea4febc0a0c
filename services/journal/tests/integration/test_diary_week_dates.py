"""The diary week's `on`: a day the diary can hold, else a 422 on the field (never an
overflow 500)."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from .client import As
from .world import build_school

TODAY = date.today()


@pytest.mark.parametrize(
    ("on", "code"),
    [
        ("9999-12-31", "less_than_equal"),
        ("2101-01-01", "less_than_equal"),
        ("0001-01-01", "greater_than_equal"),
        ("1999-12-31", "greater_than_equal"),
    ],
)
async def test_a_week_beyond_the_diarys_years_is_a_422(
    journal: Any, issuer: Any, on: str, code: str
) -> None:
    w = await build_school(journal, TODAY)
    call = As(journal, issuer, w)
    s1 = w.person("s1")
    r = await call("parent1", "GET", f"/v1/journal/diary/{s1}/week", params={"on": on})
    assert r.status_code == 422, r.text
    assert [(e["field"], e["code"]) for e in r.json()["errors"]] == [("on", code)]
    assert "Значение должно быть" in r.json()["errors"][0]["message"]
    edge = await call("parent1", "GET", f"/v1/journal/diary/{s1}/week", params={"on": "2100-12-31"})
    assert edge.status_code == 200, edge.text
    other = await call(
        "parent2", "GET", f"/v1/journal/diary/{s1}/week", params={"on": "2100-12-31"}
    )
    assert other.status_code == 403

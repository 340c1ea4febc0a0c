"""A term whose end comes before its start is a 422 a person can read in Russian, not the
validator's English shorthand."""

from __future__ import annotations

import copy
from typing import Any

from tabel_schedule.testing import YEAR, set_up


async def test_a_reversed_term_is_a_422_in_russian(api: Any, service: Any) -> None:
    await set_up(api, service.runtime)
    reversed_term = copy.deepcopy(YEAR)
    term = reversed_term["term_systems"][0]["terms"][0]
    term["starts_on"], term["ends_on"] = term["ends_on"], term["starts_on"]
    problem = await api.call("POST", "/v1/academic-years", json=reversed_term, expect=422)
    assert problem["code"] == "invalid_input"
    assert [e["message"] for e in problem["errors"]] == ["Дата окончания раньше даты начала."]

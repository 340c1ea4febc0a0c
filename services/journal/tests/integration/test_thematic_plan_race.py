"""Two first saves of a unit's plan at once: the one that loses the race is told the plan
exists (409), as it is when it comes second."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

import pytest

from tabel_journal.adapters import thematic_plan_rows

from .client import As
from .test_thematic_plans import plan_body, put_plan
from .world import build_school


async def test_a_plan_saved_while_another_of_its_unit_commits_is_a_409(
    journal: Any, issuer: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    w = await build_school(journal, date.today())
    call = As(journal, issuer, w)
    first = await put_plan(call, "math_5a", uuid.uuid4(), plan_body(w))
    assert first.status_code == 200, first.text

    async def not_yet_committed(*_: Any, **__: Any) -> None:
        return None  # the other save's plan is not visible yet when this one checks

    monkeypatch.setattr(thematic_plan_rows, "plan_of_unit", not_yet_committed)
    second = await put_plan(call, "math_5a", uuid.uuid4(), plan_body(w))
    assert second.status_code == 409, second.text
    assert second.json()["code"] == "plan_exists"

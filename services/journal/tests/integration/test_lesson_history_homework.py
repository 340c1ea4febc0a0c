"""A lesson's history lists its homework's versions (given, changed, withdrawn) beside its
record, marks and attendance, for those who may read the lesson only."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

from .client import As
from .world import build_school

TODAY = date.today()


async def test_lesson_history_includes_its_homework(journal: Any, issuer: Any) -> None:
    w = await build_school(journal, TODAY)
    call = As(journal, issuer, w)
    lesson = await w.lesson("5А", w.math, "math_5a", TODAY)
    other = await w.lesson("5А", w.math, "math_5a", TODAY, period=2)
    hw, elsewhere = uuid.uuid4(), uuid.uuid4()
    url = f"/v1/journal/lessons/{lesson}/homework/{hw}"
    assert (await call("math_5a", "PUT", url, json={"text": "№ 1"})).status_code == 200
    assert (await call("math_5a", "PUT", url, json={"text": "№ 1, 2"})).status_code == 200
    assert (
        await call("math_5a", "DELETE", url, params={"reason": "задано по ошибке"})
    ).status_code == 204
    assert (
        await call(
            "math_5a",
            "PUT",
            f"/v1/journal/lessons/{other}/homework/{elsewhere}",
            json={"text": "x"},
        )
    ).status_code == 200

    history = await call("director", "GET", f"/v1/journal/lessons/{lesson}/history")
    assert history.status_code == 200, history.text
    homework = [v for v in history.json()["versions"] if v["entity"] == "homework"]
    assert [(v["entity_id"], v["version"], v["action"]) for v in homework] == [
        (str(hw), 1, "create"),
        (str(hw), 2, "update"),
        (str(hw), 3, "delete"),
    ]
    assert homework[1]["before"]["text"] == "№ 1" and homework[1]["after"]["text"] == "№ 1, 2"
    assert homework[2]["reason"] == "задано по ошибке"
    assert homework[0]["actor_person_id"] == str(w.person("math_5a"))
    for who in ("parent1", "s1", "math_5b"):
        refused = await call(who, "GET", f"/v1/journal/lessons/{lesson}/history")
        assert refused.status_code == 403, who

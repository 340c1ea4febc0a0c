"""A checked submission turned into a mark after the term closed: with management's permit and
a reason (kept in the history), as any other change of a closed term."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

import pytest

from .client import As
from .final_marks_kit import permit
from .world import build_school

TODAY = date.today()


@pytest.fixture
async def checked(journal: Any, issuer: Any) -> tuple[Any, As, uuid.UUID, str]:
    """A homework of s1 handed in and checked; then the term is closed."""
    w = await build_school(journal, TODAY)
    call = As(journal, issuer, w)
    lesson = await w.lesson("5А", w.math, "math_5a", TODAY)
    hw = uuid.uuid4()
    given = await call(
        "math_5a",
        "PUT",
        f"/v1/journal/lessons/{lesson}/homework/{hw}",
        json={"text": "Задачи 1-5", "submission_required": True},
    )
    assert given.status_code == 200, given.text
    sub = f"/v1/journal/homework/{hw}/submissions/{w.person('s1')}"
    assert (await call("s1", "PUT", sub, json={"text": "Ответ: 42"})).status_code == 200
    assert (
        await call("math_5a", "POST", f"{sub}/review", json={"decision": "checked"})
    ).status_code == 200
    await w.close_term()
    return w, call, lesson, sub


async def test_a_mark_in_a_closed_term_needs_a_permit_and_takes_the_reason(checked: Any) -> None:
    w, call, lesson, sub = checked
    no_permit = await call("math_5a", "POST", f"{sub}/mark", json={"value": "5", "reason": "x"})
    assert (no_permit.status_code, no_permit.json()["code"]) == (403, "term_closed")
    await permit(call, w.term, "math_5a")
    no_reason = await call("math_5a", "POST", f"{sub}/mark", json={"value": "5"})
    assert (no_reason.status_code, no_reason.json()["code"]) == (422, "reason_required")
    reason = "работа сдана до закрытия четверти"
    marked = await call("math_5a", "POST", f"{sub}/mark", json={"value": "5", "reason": reason})
    assert marked.status_code == 200, marked.text
    assert marked.json()["value"] == "5"
    history = (await call("math_5a", "GET", f"/v1/journal/lessons/{lesson}/history")).json()
    created = [v for v in history["versions"] if v["entity"] == "mark"]
    assert [(v["action"], v["reason"]) for v in created] == [("create", reason)]


@pytest.mark.parametrize("who", ["math_5b", "class_teacher_5b", "parent1", "s1"])
async def test_others_may_not_mark_the_submission(checked: Any, who: str) -> None:
    w, call, _, sub = checked
    await permit(call, w.term, who)
    refused = await call(who, "POST", f"{sub}/mark", json={"value": "5", "reason": "x"})
    assert refused.status_code == 403

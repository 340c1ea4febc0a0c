"""Homework's writes: none in the first grade or without marks (seed 004); withdrawing,
handing in and reviewing are safe to retry (Idempotency-Key, and a second DELETE is a 204);
each refused to the wrong person."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

import pytest

from .client import As
from .test_lesson_entries import outbox
from .world import World, build_school

TODAY = date.today()


@pytest.fixture
async def school(journal: Any, issuer: Any) -> tuple[World, As, uuid.UUID]:
    w = await build_school(journal, TODAY)
    return w, As(journal, issuer, w), await w.lesson("5А", w.math, "math_5a", TODAY)


async def given(call: As, lesson: uuid.UUID, *, submission: bool = False) -> uuid.UUID:
    hw = uuid.uuid4()
    r = await call(
        "math_5a",
        "PUT",
        f"/v1/journal/lessons/{lesson}/homework/{hw}",
        json={"text": "№ 12", "submission_required": submission},
    )
    assert r.status_code == 200, r.text
    return hw


async def test_no_homework_in_the_first_grade_nor_where_the_scale_is_none(
    school: tuple[World, As, uuid.UUID],
) -> None:
    w, call, lesson = school
    first_grade = await w.lesson("1А", w.math, "teacher_1a", TODAY)
    url = f"/v1/journal/lessons/{first_grade}/homework/{uuid.uuid4()}"
    assert (await call("math_5a", "PUT", url, json={"text": "x"})).status_code == 403
    refused = await call("teacher_1a", "PUT", url, json={"text": "Прописи, с. 3"})
    assert refused.status_code == 422, refused.text
    assert refused.json()["code"] == "no_homework_for_grade"
    assert "1-х классах" in refused.json()["detail"]

    # A school keeps history in the fifth grade without marks: no homework there either.
    settings = {
        "scales": [
            {"scale": "none", "grade_levels": [1]},
            {"scale": "none", "grade_levels": [5], "subject_id": str(w.history)},
            {"scale": "five_point"},
        ],
        "work_types": {"oral": {"name": "Ответ на уроке", "weight": 1}},
    }
    assert (await call("director", "PUT", "/v1/journal/settings", json=settings)).is_success
    history = await w.lesson("5А", w.history, "history_5a", TODAY, period=2)
    none = await call(
        "history_5a",
        "PUT",
        f"/v1/journal/lessons/{history}/homework/{uuid.uuid4()}",
        json={"text": "x"},
    )
    assert none.status_code == 422 and none.json()["code"] == "no_homework_for_grade"
    await given(call, lesson)  # maths in 5А keeps its five-point scale and its homework


async def test_withdrawing_homework_twice_is_a_204_and_a_key_replays_it(
    school: tuple[World, As, uuid.UUID], journal: Any
) -> None:
    w, call, lesson = school
    hw = await given(call, lesson)
    url = f"/v1/journal/lessons/{lesson}/homework/{hw}"
    reason = {"reason": "задано по ошибке"}
    for who in ("math_5b", "s1", "parent1"):
        refused = await call(who, "DELETE", url, params=reason, key="rm-1")
        assert refused.status_code == 403, who
    first = await call("math_5a", "DELETE", url, params=reason, key="rm-1")
    assert first.status_code == 204, first.text
    again = await call("math_5a", "DELETE", url, params=reason, key="rm-1")
    assert again.status_code == 204, again.text
    reused = await call("math_5a", "DELETE", url, params={"reason": "другая"}, key="rm-1")
    assert reused.status_code == 409 and reused.json()["code"] == "idempotency_key_reused"
    keyless = await call("math_5a", "DELETE", url, params=reason)
    assert keyless.status_code == 204, keyless.text
    assert (await outbox(journal, w.school)).count("tabel.journal.homework.removed.v1") == 1
    versions = (await call("math_5a", "GET", f"/v1/journal/lessons/{lesson}/history")).json()
    deletes = [v for v in versions["versions"] if v["entity"] == "homework"]
    assert [v["action"] for v in deletes].count("delete") == 1
    missing = f"/v1/journal/lessons/{lesson}/homework/{uuid.uuid4()}"
    assert (await call("math_5a", "DELETE", missing, params=reason)).status_code == 404


async def test_handing_in_and_reviewing_with_a_key_replays_the_first_answer(
    school: tuple[World, As, uuid.UUID], journal: Any
) -> None:
    w, call, lesson = school
    hw = await given(call, lesson, submission=True)
    sub = f"/v1/journal/homework/{hw}/submissions/{w.person('s1')}"
    for who in ("s2", "parent1", "math_5a"):
        assert (await call(who, "PUT", sub, json={"text": "чужое"}, key="in-1")).status_code == 403
    first = await call("s1", "PUT", sub, json={"text": "Ответ: 42"}, key="in-1")
    assert first.status_code == 200, first.text
    again = await call("s1", "PUT", sub, json={"text": "Ответ: 42"}, key="in-1")
    assert again.status_code == 200 and again.json() == first.json()
    other = await call("s1", "PUT", sub, json={"text": "Ответ: 43"}, key="in-1")
    assert other.status_code == 409 and other.json()["code"] == "idempotency_key_reused"

    review = f"{sub}/review"
    body = {"decision": "returned", "comment": "Нет решения"}
    for who in ("history_5a", "math_5b", "s1", "parent1"):
        assert (await call(who, "POST", review, json=body, key="rv-1")).status_code == 403, who
    checked = await call("math_5a", "POST", review, json=body, key="rv-1")
    assert checked.status_code == 200, checked.text
    replay = await call("math_5a", "POST", review, json=body, key="rv-1")
    assert replay.status_code == 200 and replay.json() == checked.json()
    reused = await call("math_5a", "POST", review, json={"decision": "checked"}, key="rv-1")
    assert reused.status_code == 409 and reused.json()["code"] == "idempotency_key_reused"

    events = await outbox(journal, w.school)
    assert events.count("tabel.journal.submission.made.v1") == 1
    assert events.count("tabel.journal.submission.checked.v1") == 1
    listing = (await call("math_5a", "GET", f"/v1/journal/homework/{hw}/submissions")).json()
    mine = next(x for x in listing["students"] if x["student_id"] == str(w.person("s1")))
    assert [e["action"] for e in mine["log"]] == ["submitted", "returned"]

"""A substitution gives the substitute a lesson's journal and its end takes it back, whichever
of schedule's events tells the journal (SubstitutionEnded, or a LessonChanged/LessonCancelled
carrying the lesson without them), and an end arriving late never undoes a newer substitution.
Events go through the journal's real consumer; access is checked through REST with real
tokens."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

import pytest

from .client import As, mark
from .world import build_school

TODAY = date.today()


@pytest.fixture
async def school(journal: Any, issuer: Any) -> tuple[Any, As, uuid.UUID]:
    w = await build_school(journal, TODAY)
    lesson = await w.lesson("5А", w.math, "math_5a", TODAY)
    return w, As(journal, issuer, w), lesson


async def write(
    call: As, w: Any, who: str, lesson: uuid.UUID, value: str = "5", topic: str = "Дроби"
) -> Any:
    body = {"topic": topic, "marks": [mark(w.person("s1"), value=value)]}
    return await call(who, "PUT", f"/v1/journal/lessons/{lesson}/journal", json=body)


async def refused(call: As, w: Any, who: str, lesson: uuid.UUID) -> bool:
    r = await write(call, w, who, lesson)
    return bool(r.status_code == 403 and r.json()["code"] == "lesson_forbidden")


async def test_ended_substitution_takes_the_journal_back(school: Any) -> None:
    w, call, lesson = school
    sid = await w.substitute(lesson, "math_5a", "substitute", TODAY)
    saved = await write(call, w, "substitute", lesson, "4")
    assert saved.status_code == 200, saved.text
    assert saved.json()["marks"][0]["taught_by"] == str(w.person("substitute"))

    await w.end_substitution(lesson, "math_5a", "substitute", TODAY, sid=sid)
    assert await refused(call, w, "substitute", lesson)
    got = await call("substitute", "GET", f"/v1/journal/lessons/{lesson}/journal")
    assert got.status_code == 403, "no reading either once the substitution is over"
    # The lesson's own teacher teaches it again: their save is recorded as theirs, and the
    # substitute's mark keeps who gave it.
    own = await write(call, w, "math_5a", lesson, "5", topic="Дроби: повторение")
    assert own.status_code == 200, own.text
    body = own.json()
    assert body["record"]["taught_by"] == str(w.person("math_5a"))
    by_taught = sorted((m["value"], m["taught_by"]) for m in body["marks"])
    assert by_taught == [("4", str(w.person("substitute"))), ("5", str(w.person("math_5a")))]


async def test_a_late_end_of_an_earlier_substitution_keeps_the_newer_one(school: Any) -> None:
    w, call, lesson = school
    first = await w.substitute(lesson, "math_5a", "substitute", TODAY)
    # Replaced by another substitute; the end of the first one is delivered after it.
    await w.substitute(lesson, "math_5a", "teacher_1a", TODAY)
    await w.end_substitution(lesson, "math_5a", "substitute", TODAY, sid=first)
    assert (await write(call, w, "teacher_1a", lesson)).status_code == 200
    assert await refused(call, w, "substitute", lesson)


async def test_lesson_changed_replacing_or_removing_the_substitute(school: Any) -> None:
    w, call, lesson = school
    await w.substitute(lesson, "math_5a", "substitute", TODAY)
    await w.lesson_changed(lesson, substitute="substitute")
    assert (await write(call, w, "substitute", lesson)).status_code == 200
    # A LessonChanged naming another substitute hands the journal over ...
    await w.lesson_changed(lesson, substitute="teacher_1a")
    assert await refused(call, w, "substitute", lesson)
    assert (await write(call, w, "teacher_1a", lesson)).status_code == 200
    # ... and one naming nobody gives it back to the lesson's own teacher alone.
    await w.lesson_changed(lesson, substitute=None)
    assert await refused(call, w, "teacher_1a", lesson)
    assert (await write(call, w, "math_5a", lesson)).status_code == 200


async def test_substitution_made_before_the_lesson_arrived_holds(school: Any) -> None:
    """Schedule follows SubstitutionMade with a LessonChanged carrying the substitute, so the
    journal gets it even when the lesson reached its projection after SubstitutionMade."""
    w, call, _ = school
    later = await w.lesson("5А", w.math, "math_5a", TODAY, period=3)
    await w.substitute(uuid.uuid4(), "math_5a", "substitute", TODAY)  # an unknown lesson: no-op
    await w.lesson_changed(later, substitute="substitute")
    assert (await write(call, w, "substitute", later)).status_code == 200


async def test_cancelled_lesson_ends_the_substitution(school: Any) -> None:
    w, call, lesson = school
    await w.substitute(lesson, "math_5a", "substitute", TODAY)
    await w.lesson_changed(lesson, substitute=None, cancelled=True)
    assert await refused(call, w, "substitute", lesson)
    cancelled = await write(call, w, "math_5a", lesson)
    assert cancelled.status_code == 409 and cancelled.json()["code"] == "lesson_cancelled"

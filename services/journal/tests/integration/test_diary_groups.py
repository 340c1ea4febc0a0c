"""A class split into study groups: each student's diary shows their own group's lesson
(and its homework), never the other half's; a whole-class lesson is everyone's."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

from .client import As
from .world import build_school

TODAY = date.today()


async def lessons_of(call: As, who: str, student: uuid.UUID) -> list[tuple[int, str]]:
    week = await call(who, "GET", f"/v1/journal/diary/{student}/week?on={TODAY}")
    assert week.status_code == 200, week.text
    return [(le["period"], le["lesson_id"]) for d in week.json()["days"] for le in d["lessons"]]


async def test_each_student_sees_only_their_groups_lesson(journal: Any, issuer: Any) -> None:
    w = await build_school(journal, TODAY)
    call = As(journal, issuer, w)
    first_half, second_half = uuid.uuid4(), uuid.uuid4()
    await w.join_group("s1", first_half)
    await w.join_group("s2", second_half)
    whole = await w.lesson("5А", w.math, "math_5a", TODAY, period=1)
    english = {
        group: await w.lesson(
            "5А", w.history, "history_5a", TODAY, period=2, subject_name="Английский язык",
            groups=(group,),
        )
        for group in (first_half, second_half)
    }  # fmt: skip
    homework = {"text": "Упражнение 5", "scope": "class_wide"}
    assigned = await call(
        "history_5a",
        "PUT",
        f"/v1/journal/lessons/{english[second_half]}/homework/{uuid.uuid4()}",
        json=homework,
    )
    assert assigned.status_code == 200, assigned.text

    assert await lessons_of(call, "parent1", w.person("s1")) == [
        (1, str(whole)),
        (2, str(english[first_half])),
    ]
    assert await lessons_of(call, "parent2", w.person("s2")) == [
        (1, str(whole)),
        (2, str(english[second_half])),
    ]
    todo = await call("s1", "GET", f"/v1/journal/diary/{w.person('s1')}/homework")
    assert todo.status_code == 200, todo.text
    assert "Упражнение 5" not in todo.text, "the other group's homework"
    theirs = await call("s2", "GET", f"/v1/journal/diary/{w.person('s2')}/homework")
    assert "Упражнение 5" in theirs.text

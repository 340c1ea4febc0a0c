"""Every version of a student's final marks in a subject (who, when, before, after, why), for
the subject teacher, the class teacher and management; the family sees only current marks."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import pytest

from .client import As
from .final_marks_kit import delete_final, final, history_of, put_final
from .world import build_school

TODAY = date.today()


@pytest.fixture
async def school(journal: Any, issuer: Any) -> tuple[Any, As]:
    w = await build_school(journal, TODAY)
    call = As(journal, issuer, w)
    term_mark = final(w, "s1", w.math, "term", w.term, "4")
    assert (await put_final(call, "math_5a", term_mark)).status_code == 200
    assert (
        await put_final(call, "class_teacher_5a", {**term_mark, "value": "5"})
    ).status_code == 200
    year_mark = final(w, "s1", w.math, "year", w.term, "5")
    assert (await put_final(call, "math_5a", year_mark)).status_code == 200
    assert (await delete_final(call, "math_5a", year_mark, "рано")).status_code == 200
    other = final(w, "s2", w.math, "term", w.term, "3")
    assert (await put_final(call, "math_5a", other)).status_code == 200
    return w, call


@pytest.mark.parametrize("who", ["math_5a", "class_teacher_5a", "director", "deputy"])
async def test_staff_who_may_see_the_marks_read_every_version(school: Any, who: str) -> None:
    w, call = school
    r = await history_of(call, who, "s1", w.math)
    assert r.status_code == 200, r.text
    doc = r.json()
    assert doc["student_id"] == str(w.person("s1")) and doc["subject_id"] == str(w.math)
    versions = doc["versions"]
    assert [(v["kind"], v["version"], v["action"]) for v in versions] == [
        ("term", 1, "create"),
        ("term", 2, "update"),
        ("year", 1, "create"),
        ("year", 2, "delete"),
    ]
    first, second = versions[0], versions[1]
    assert first["before"] is None and first["after"]["value"] == "4"
    assert second["before"]["value"] == "4" and second["after"]["value"] == "5"
    assert second["actor_person_id"] == str(w.person("class_teacher_5a"))
    assert first["actor_person_id"] == str(w.person("math_5a"))
    assert versions[3]["after"] is None and versions[3]["reason"] == "рано"
    assert versions[2]["period_id"] == str(w.year)
    assert datetime.fromisoformat(first["at"]) <= datetime.fromisoformat(second["at"])


@pytest.mark.parametrize(
    "who",
    [
        "s1",  # the student sees their current marks in the diary, not the history
        "parent1",  # nor do guardians
        "parent2",
        "math_5b",  # the subject's teacher in another class
        "history_5a",  # another subject's teacher in the class
        "class_teacher_5b",  # another class's class teacher
        "stranger",
    ],
)
async def test_the_family_and_other_teachers_are_refused(school: Any, who: str) -> None:
    w, call = school
    refused = await history_of(call, who, "s1", w.math)
    assert refused.status_code == 403
    assert refused.json()["code"] == "final_history_forbidden"


async def test_the_history_teacher_reads_their_own_subject_only(school: Any) -> None:
    w, call = school
    mine = await history_of(call, "history_5a", "s1", w.history)
    assert mine.status_code == 200 and mine.json()["versions"] == []

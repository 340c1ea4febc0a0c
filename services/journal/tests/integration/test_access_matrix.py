"""Who may read and write a lesson's journal, through the REST API with real signed tokens.

Each role has an allowed and a refused case; teachers of other classes and subjects,
guardians, students and another school's staff are refused."""

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


def save(w: Any, student: str = "s1") -> dict[str, Any]:
    return {"topic": "Дроби", "marks": [mark(w.person(student))]}


@pytest.mark.parametrize(
    ("who", "write", "read"),
    [
        ("math_5a", 200, 200),  # teacher of the class and subject
        ("class_teacher_5a", 200, 200),  # class teacher: everything of their class
        ("math_5b", 403, 403),  # teacher of the subject in another class
        ("history_5a", 403, 403),  # teacher of the class in another subject
        ("class_teacher_5b", 403, 403),  # class teacher of another class
        ("substitute", 403, 403),  # a teacher with no substitution for this lesson
        ("director", 403, 200),  # management reads everything, writes nothing
        ("deputy", 403, 200),
        ("s1", 403, 403),  # a student never opens the journal
        ("parent1", 403, 403),  # nor a guardian
        ("stranger", 403, 403),  # a person with no grant in the school
    ],
)
async def test_lesson_journal_access(school: Any, who: str, write: int, read: int) -> None:
    w, call, lesson = school
    saved = await call(who, "PUT", f"/v1/journal/lessons/{lesson}/journal", json=save(w))
    assert saved.status_code == write, saved.text
    if write == 403:
        assert saved.json()["code"] == "lesson_forbidden"
        assert saved.headers["content-type"].startswith("application/problem+json")
    got = await call(who, "GET", f"/v1/journal/lessons/{lesson}/journal")
    assert got.status_code == read, got.text
    if read == 200 and write == 200:
        assert [m["value"] for m in got.json()["marks"]] == ["5"]


async def test_substitute_may_keep_the_lessons_journal_and_is_recorded_as_teaching(
    school: Any,
) -> None:
    w, call, lesson = school
    assert (
        await call("substitute", "PUT", f"/v1/journal/lessons/{lesson}/journal", json=save(w))
    ).status_code == 403
    await w.substitute(lesson, "math_5a", "substitute", TODAY)
    saved = await call("substitute", "PUT", f"/v1/journal/lessons/{lesson}/journal", json=save(w))
    assert saved.status_code == 200, saved.text
    body = saved.json()
    assert body["record"]["taught_by"] == str(w.person("substitute"))
    assert body["marks"][0]["taught_by"] == str(w.person("substitute"))
    other = await w.lesson("5А", w.math, "math_5a", TODAY, period=2)
    refused = await call("substitute", "PUT", f"/v1/journal/lessons/{other}/journal", json=save(w))
    assert refused.status_code == 403, "the substitution covers only its own lesson"


async def test_another_schools_people_never_see_the_journal(
    school: Any, journal: Any, issuer: Any
) -> None:
    w, _call, lesson = school
    other = await build_school(journal, TODAY)
    their = As(journal, issuer, other)
    # A token for the other school cannot act in this one.
    refused = await their(
        "math_5a", "GET", f"/v1/journal/lessons/{lesson}/journal", school=w.school
    )
    assert refused.status_code == 403
    assert refused.json()["code"] == "school_mismatch"
    # Even a token listing both schools gives nothing without grants in this school.
    both = [w.school, other.school]
    for method, body in (("GET", None), ("PUT", save(w))):
        r = await their(
            "math_5a",
            method,
            f"/v1/journal/lessons/{lesson}/journal",
            json=body,
            token_schools=both,
            school=w.school,
        )
        assert r.status_code == 403, r.text
    # And from their own school the lesson does not exist (row-level security).
    missing = await their("director", "GET", f"/v1/journal/lessons/{lesson}/journal")
    assert missing.status_code == 404


async def test_revoked_grant_takes_the_right_away(school: Any) -> None:
    from tabel.identity.v1 import events_pb2 as ie
    from tabel.identity.v1 import grants_pb2

    w, call, lesson = school
    grant = grants_pb2.Grant(
        id=str(uuid.uuid4()),
        person_id=str(w.person("newbie")),
        school_id=str(w.school),
        role=grants_pb2.ROLE_DIRECTOR,
    )
    await w.publish("identity", ie.GrantAdded(grant=grant))
    assert (await call("newbie", "GET", f"/v1/journal/lessons/{lesson}/journal")).status_code == 200
    await w.publish("identity", ie.GrantRevoked(grant=grant, reason="уволен"))
    assert (await call("newbie", "GET", f"/v1/journal/lessons/{lesson}/journal")).status_code == 403

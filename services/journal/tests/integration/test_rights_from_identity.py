"""Rights a school's administrator widens or narrows in identity (seed 003 III.4-5) decide in
the journal together with the relationship each decision needs: through the REST API with
real signed tokens, from identity's RoleRightsChanged and PersonRightsChanged."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

import pytest

from tabel.identity.v1 import events_pb2 as ie
from tabel.identity.v1 import grants_pb2
from tabel_journal.domain import rights

from .client import As, mark
from .world import World, build_school

TODAY = date.today()


@pytest.fixture
async def school(journal: Any, issuer: Any) -> tuple[World, As, uuid.UUID, uuid.UUID]:
    w = await build_school(journal, TODAY)
    lesson_5a = await w.lesson("5А", w.math, "math_5a", TODAY)
    lesson_5b = await w.lesson("5Б", w.math, "math_5b", TODAY)
    return w, As(journal, issuer, w), lesson_5a, lesson_5b


async def narrow_role(w: World, role: grants_pb2.Role.ValueType, code: str, taken: str) -> None:
    await w.publish(
        "identity",
        ie.RoleRightsChanged(
            school_id=str(w.school),
            role=role,
            removed=[taken],
            effective=sorted((rights.DEFAULTS[code] | {"schedule.read"}) - {taken}),
        ),
    )


async def person_rights(
    w: World, who: str, *, added: tuple[str, ...] = (), removed: tuple[str, ...] = ()
) -> None:
    await w.publish(
        "identity",
        ie.PersonRightsChanged(
            school_id=str(w.school),
            account_id=str(uuid.uuid4()),
            subject=f"sub-{who}",
            person_id=str(w.person(who)),
            added=list(added),
            removed=list(removed),
        ),
    )


def journal_of(lesson: uuid.UUID) -> str:
    return f"/v1/journal/lessons/{lesson}/journal"


async def test_a_role_without_mark_writing_keeps_the_topic_but_not_the_marks(school: Any) -> None:
    w, call, lesson, _ = school
    await narrow_role(w, grants_pb2.ROLE_TEACHER, "teacher", rights.MARK_WRITE)
    topic = await call("math_5a", "PUT", journal_of(lesson), json={"topic": "Дроби"})
    assert topic.status_code == 200, topic.text
    marks = {"topic": "Дроби", "marks": [mark(w.person("s1"))]}
    refused = await call("math_5a", "PUT", journal_of(lesson), json=marks)
    assert refused.status_code == 403 and refused.json()["code"] == "mark_write_forbidden"
    got = await call("math_5a", "GET", journal_of(lesson))
    assert got.status_code == 200 and got.json()["marks"] == []


async def test_a_person_level_removal_hits_only_that_person(school: Any) -> None:
    w, call, lesson_5a, lesson_5b = school
    for _ in range(2):  # a redelivered change leaves the same rights
        await person_rights(w, "math_5a", removed=(rights.MARK_WRITE,))
    marks_5a = {"marks": [mark(w.person("s1"))]}
    refused = await call("math_5a", "PUT", journal_of(lesson_5a), json=marks_5a)
    assert refused.status_code == 403 and refused.json()["code"] == "mark_write_forbidden"
    other = await call(
        "math_5b", "PUT", journal_of(lesson_5b), json={"marks": [mark(w.person("b1"))]}
    )
    assert other.status_code == 200, other.text
    await person_rights(w, "math_5a")  # the administrator gives the right back
    assert (await call("math_5a", "PUT", journal_of(lesson_5a), json=marks_5a)).status_code == 200


async def test_a_named_teacher_given_final_marks_sets_them_only_where_they_teach(
    school: Any,
) -> None:
    """Teachers' marking is taken away from the role; one teacher is given final marks."""
    w, call, _, _ = school
    await narrow_role(w, grants_pb2.ROLE_TEACHER, "teacher", rights.MARK_WRITE)

    def final(student: str, subject: uuid.UUID) -> dict[str, Any]:
        return {
            "student_id": str(w.person(student)),
            "subject_id": str(subject),
            "kind": "term",
            "term_id": str(w.term),
            "value": "4",
        }

    path = "/v1/journal/final-marks"
    assert (await call("math_5a", "PUT", path, json=final("s1", w.math))).status_code == 403
    await person_rights(w, "math_5a", added=(rights.FINAL_MARK_WRITE,))
    given = await call("math_5a", "PUT", path, json=final("s1", w.math))
    assert given.status_code == 200 and given.json()["set_as"] == "subject_teacher", given.text
    assert (await call("math_5a", "PUT", path, json=final("s1", w.history))).status_code == 403
    assert (await call("math_5a", "PUT", path, json=final("b1", w.math))).status_code == 403
    assert (await call("math_5b", "PUT", path, json=final("b1", w.math))).status_code == 403


async def test_a_tutor_reads_the_class_of_their_grant_and_nothing_else(school: Any) -> None:
    w, call, lesson_5a, lesson_5b = school
    await w.grant("tutor", grants_pb2.ROLE_TUTOR, class_key="5А")
    await w.grant("school_tutor", grants_pb2.ROLE_TUTOR)
    read = await call("tutor", "GET", journal_of(lesson_5a))
    assert read.status_code == 200, read.text
    write = await call("tutor", "PUT", journal_of(lesson_5a), json={"topic": "Дроби"})
    assert write.status_code == 403
    assert (await call("tutor", "GET", journal_of(lesson_5b))).status_code == 403
    diary = "/v1/journal/diary/{}/week?on=" + str(TODAY)
    got = await call("tutor", "GET", diary.format(w.person("s1")))
    assert got.status_code == 200, got.text
    assert (await call("tutor", "GET", diary.format(w.person("b1")))).status_code == 403
    for where in (journal_of(lesson_5a), diary.format(w.person("s1"))):
        assert (await call("school_tutor", "GET", where)).status_code == 403
    await person_rights(w, "tutor", removed=(rights.LESSON_READ,))
    assert (await call("tutor", "GET", journal_of(lesson_5a))).status_code == 403
    assert (await call("tutor", "GET", diary.format(w.person("s1")))).status_code == 200

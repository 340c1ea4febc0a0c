"""A class teacher who does not teach a lesson writes its marks and attendance only for the
pupils of their own class: in a joint lesson of 5А and 5Б (or a study group mixing both) the
5А class teacher may not touch a 5Б pupil's entries, in a save or a reason correction.
Membership counts on the lesson's date, so a pupil who moved between the classes belongs to
the class they were in that day."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest

from tabel.roster.v1 import classes_pb2
from tabel.roster.v1 import events_pb2 as re
from tabel.schedule.v1 import events_pb2 as se
from tabel.schedule.v1 import lessons_pb2

from .client import As, mark
from .world import World, build_school, d

TODAY = date.today()


async def joint_lesson(
    w: World, on: date, *, groups: tuple[uuid.UUID, ...] = (), period: int = 4
) -> uuid.UUID:
    """History for 5А and 5Б together, taught by history_5a (as schedule publishes it)."""
    lid = uuid.uuid4()
    start = datetime(on.year, on.month, on.day, 5 + period, 0, tzinfo=UTC)
    le = lessons_pb2.Lesson(
        id=str(lid),
        school_id=str(w.school),
        date=d(on),
        period=period,
        subject=lessons_pb2.Subject(id=str(w.history), name="История"),
        teacher_id=str(w.person("history_5a")),
        class_ids=[str(w.classes["5А"]), str(w.classes["5Б"])],
        study_group_ids=[str(g) for g in groups],
        term_id=str(w.term),
        status=lessons_pb2.LESSON_STATUS_SCHEDULED,
    )
    le.starts_at.FromDatetime(start)
    le.ends_at.FromDatetime(start + timedelta(minutes=45))
    await w.publish("schedule", se.LessonScheduled(lesson=le))
    w.lessons[lid] = le
    return lid


async def member(
    w: World, key: str, class_name: str, starts: date, ends: date | None = None
) -> None:
    membership = classes_pb2.Membership(
        id=str(uuid.uuid4()),
        school_id=str(w.school),
        person_id=str(w.person(key)),
        class_id=str(w.classes[class_name]),
        starts_on=d(starts),
    )
    if ends is not None:
        membership.ends_on.CopyFrom(d(ends))
    await w.publish("roster", re.MembershipStarted(membership=membership))


@pytest.fixture(params=["joint", "mixed_group"])
async def school(request: Any, journal: Any, issuer: Any) -> tuple[World, As, uuid.UUID]:
    w = await build_school(journal, TODAY)
    groups: tuple[uuid.UUID, ...] = ()
    if request.param == "mixed_group":
        group = uuid.uuid4()
        await w.join_group("s1", group)
        await w.join_group("b1", group)
        groups = (group,)
    return w, As(journal, issuer, w), await joint_lesson(w, TODAY, groups=groups)


async def test_class_teacher_writes_only_their_own_pupils(school: Any) -> None:
    w, call, lesson = school
    url = f"/v1/journal/lessons/{lesson}/journal"
    s1, b1 = w.person("s1"), w.person("b1")
    theirs = uuid.uuid4()
    by_teacher = await call(
        "history_5a",
        "PUT",
        url,
        json={
            "marks": [mark(b1, "3", mark_id=theirs)],
            "attendance": [{"student_id": str(b1), "status": "absent"}],
        },
    )
    assert by_teacher.status_code == 200, by_teacher.text

    own = await call(
        "class_teacher_5a",
        "PUT",
        url,
        json={
            "topic": "Древний Египет",
            "marks": [mark(s1, "5")],
            "attendance": [{"student_id": str(s1), "status": "late", "late_minutes": 5}],
        },
    )
    assert own.status_code == 200, own.text
    assert own.json()["record"]["topic"] == "Древний Египет", "lesson-wide fields stay allowed"

    refusals = [
        {"marks": [mark(b1, "2")]},
        {"marks": [mark(b1, "5", mark_id=theirs)], "reason": "исправление"},
        {"deleted_mark_ids": [str(theirs)], "reason": "ошибка"},
        {"attendance": [{"student_id": str(b1), "status": "present"}]},
        {"topic": "Египет", "marks": [mark(s1, "4"), mark(b1, "4")]},
    ]
    for body in refusals:
        refused = await call("class_teacher_5a", "PUT", url, json=body)
        assert refused.status_code == 403, (body, refused.text)
        assert refused.json()["code"] == "student_of_other_class"
        assert str(b1) not in refused.text, "the refusal names no pupil"
    page = (await call("history_5a", "GET", url)).json()
    assert {(m["student_id"], m["value"]) for m in page["marks"]} == {
        (str(b1), "3"),
        (str(s1), "5"),
    }, "nothing of a refused save is written"
    assert page["record"]["topic"] == "Древний Египет"
    # The page as it is, sent back with the other class's entries unchanged, saves.
    echo = await call(
        "class_teacher_5a",
        "PUT",
        url,
        json={
            "marks": [mark(b1, "3", mark_id=theirs)],
            "attendance": [{"student_id": str(b1), "status": "absent"}],
        },
    )
    assert echo.status_code == 200 and echo.json()["changes"] == 0, echo.text
    # The lesson's own teacher writes every pupil of it.
    assert (
        await call("history_5a", "PUT", url, json={"marks": [mark(s1, "4"), mark(b1, "4")]})
    ).status_code == 200


async def test_class_teacher_corrects_reasons_of_their_own_pupils_only(school: Any) -> None:
    w, call, lesson = school
    s1, b1 = w.person("s1"), w.person("b1")
    absent = [{"student_id": str(s), "status": "absent"} for s in (s1, b1)]
    saved = await call(
        "history_5a", "PUT", f"/v1/journal/lessons/{lesson}/journal", json={"attendance": absent}
    )
    assert saved.status_code == 200, saved.text
    body = {"status": "ill", "reason": "справка"}
    reason = f"/v1/journal/lessons/{lesson}/attendance/{{}}/reason"
    refused = await call("class_teacher_5a", "PATCH", reason.format(b1), json=body)
    assert refused.status_code == 403 and refused.json()["code"] == "reason_correction_forbidden"
    mine = await call("class_teacher_5a", "PATCH", reason.format(s1), json=body)
    assert mine.status_code == 200 and mine.json()["status"] == "ill", mine.text
    theirs = await call("class_teacher_5b", "PATCH", reason.format(b1), json=body)
    assert theirs.status_code == 200 and theirs.json()["status"] == "ill", theirs.text
    page = (await call("history_5a", "GET", f"/v1/journal/lessons/{lesson}/journal")).json()
    assert {a["student_id"]: a["status"] for a in page["attendance"]} == {
        str(s1): "ill",
        str(b1): "ill",
    }


async def test_membership_on_the_lesson_date_decides(journal: Any, issuer: Any) -> None:
    """A pupil moved from 5Б to 5А two days ago: the 5А class teacher writes their entries
    of today's joint lesson, not those of last week's, when they were in 5Б."""
    w = await build_school(journal, TODAY)
    call = As(journal, issuer, w)
    await member(w, "mover", "5Б", date(2020, 9, 1), TODAY - timedelta(days=3))
    await member(w, "mover", "5А", TODAY - timedelta(days=2))
    mover = w.person("mover")
    earlier = await joint_lesson(w, TODAY - timedelta(days=7))
    today = await joint_lesson(w, TODAY)
    then = await call(
        "class_teacher_5a",
        "PUT",
        f"/v1/journal/lessons/{earlier}/journal",
        json={"marks": [mark(mover)]},
    )
    assert then.status_code == 403 and then.json()["code"] == "student_of_other_class"
    assert (
        await call(
            "class_teacher_5b",
            "PUT",
            f"/v1/journal/lessons/{earlier}/journal",
            json={"marks": [mark(mover)]},
        )
    ).status_code == 200
    now = await call(
        "class_teacher_5a",
        "PUT",
        f"/v1/journal/lessons/{today}/journal",
        json={"marks": [mark(mover)]},
    )
    assert now.status_code == 200, now.text

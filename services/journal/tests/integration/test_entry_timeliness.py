"""Timeliness of what the journal did not judge before: a lesson's topic (on its day, seed 004
3.2.3), taking attendance — also when everyone is present (on the lesson's day, seed 002 2.5)
— and final marks (by the last day of their period, seed 002 2.6). Each is kept in the row,
answered and carried in the event reporting counts."""

from __future__ import annotations

import uuid
from datetime import date, datetime, timedelta
from typing import Any

import pytest
from google.protobuf.message import Message
from sqlalchemy import text

from tabel.events.v1 import envelope_pb2
from tabel.journal.v1 import events_pb2

from .client import As
from .final_marks_kit import TermSpec, add_year, final, put_final
from .world import build_school

TODAY = date.today()


def days(n: int) -> date:
    return TODAY + timedelta(days=n)


@pytest.fixture
async def school(journal: Any, issuer: Any) -> tuple[Any, As]:
    w = await build_school(journal, TODAY)
    return w, As(journal, issuer, w)


async def published(journal: Any, school: uuid.UUID, kind: type[Message]) -> list[Any]:
    """The school's events of one type in the outbox, oldest first."""
    async with journal.runtime.db.transaction(school_id=None, all_schools=True) as s:
        rows = await s.execute(
            text("SELECT envelope FROM outbox WHERE school_id = :s ORDER BY created_at"),
            {"s": school},
        )
        found = []
        for (raw,) in rows:
            payload = kind()
            if envelope_pb2.Envelope.FromString(raw).payload.Unpack(payload):
                found.append(payload)
        return found


async def save(call: As, who: str, lesson: uuid.UUID, body: dict[str, Any]) -> Any:
    r = await call(who, "PUT", f"/v1/journal/lessons/{lesson}/journal", json=body)
    return r


async def test_a_topic_is_on_time_on_the_lessons_day_and_keeps_that(
    school: Any, journal: Any
) -> None:
    w, call = school
    today = await w.lesson("5А", w.math, "math_5a", TODAY)
    earlier = await w.lesson("5А", w.math, "math_5a", days(-3))
    ahead = await w.lesson("5А", w.math, "math_5a", days(2))
    answers = {
        lesson: await save(call, "math_5a", lesson, {"topic": "Дроби"})
        for lesson in (today, earlier, ahead)
    }
    assert {k: r.status_code for k, r in answers.items()} == dict.fromkeys(answers, 200)
    on_time = {k: r.json()["record"]["on_time"] for k, r in answers.items()}
    assert on_time == {today: True, earlier: False, ahead: True}
    fixed = await save(call, "math_5a", earlier, {"topic": "Дроби, сложение"})
    assert fixed.json()["record"]["on_time"] is False  # judged when first entered
    types_only = await w.lesson("5А", w.math, "math_5a", days(-1))
    planned = await save(call, "math_5a", types_only, {"work_types": ["oral"]})
    assert planned.json()["record"]["on_time"] is None  # no topic yet: nothing to judge
    records = [
        e.record.record for e in await published(journal, w.school, events_pb2.LessonJournalSaved)
    ]
    by_lesson = {r.lesson_id: r for r in records}
    assert by_lesson[str(today)].on_time is True and by_lesson[str(earlier)].on_time is False
    assert not by_lesson[str(types_only)].HasField("on_time")
    assert not by_lesson[str(today)].HasField("attendance_taken_at")


async def test_attendance_taken_is_stamped_once_also_when_everyone_is_present(
    school: Any, journal: Any
) -> None:
    w, call = school
    yesterday = await w.lesson("5А", w.math, "math_5a", days(-1))
    taken = await save(call, "math_5a", yesterday, {"attendance_taken": True})
    assert taken.status_code == 200, taken.text
    record = taken.json()["record"]
    assert record["attendance_taken_at"] and record["attendance_on_time"] is False
    assert record["topic"] == "" and taken.json()["attendance"] == []
    again = await save(call, "math_5a", yesterday, {"attendance_taken": True, "topic": "Дроби"})
    first_taken = datetime.fromisoformat(record["attendance_taken_at"])
    assert datetime.fromisoformat(again.json()["record"]["attendance_taken_at"]) == first_taken
    nothing = await save(call, "math_5a", yesterday, {"attendance_taken": True})
    assert nothing.json()["changes"] == 0  # first time only

    today = await w.lesson("5А", w.math, "math_5a", TODAY)
    topic_only = await save(call, "math_5a", today, {"topic": "Дроби"})
    assert topic_only.json()["record"]["attendance_taken_at"] is None
    absent = {"student_id": str(w.person("s1")), "status": "absent"}
    with_row = await save(call, "math_5a", today, {"attendance": [absent]})
    assert with_row.json()["record"]["attendance_on_time"] is True
    assert with_row.json()["record"]["attendance_taken_at"]

    records = [
        e.record.record
        for e in await published(journal, w.school, events_pb2.LessonJournalSaved)
        if e.HasField("record")
    ]
    last = {r.lesson_id: r for r in records}
    assert last[str(today)].attendance_on_time is True
    assert last[str(today)].HasField("attendance_taken_at")
    assert last[str(yesterday)].attendance_on_time is False


async def test_only_the_lessons_teacher_says_attendance_was_taken_and_only_when_held(
    school: Any,
) -> None:
    w, call = school
    lesson = await w.lesson("5А", w.math, "math_5a", TODAY)
    class_teacher = await save(call, "class_teacher_5a", lesson, {"attendance_taken": True})
    assert (class_teacher.status_code, class_teacher.json()["code"]) == (
        403,
        "attendance_taken_forbidden",
    )
    stranger = await save(call, "math_5b", lesson, {"attendance_taken": True})
    assert (stranger.status_code, stranger.json()["code"]) == (403, "lesson_forbidden")
    # The class teacher's rows for their pupils are kept, but take attendance for nobody.
    ill = {"student_id": str(w.person("s1")), "status": "ill"}
    rows = await save(call, "class_teacher_5a", lesson, {"attendance": [ill]})
    assert rows.status_code == 200, rows.text
    assert rows.json()["record"] is None
    ahead = await w.lesson("5А", w.math, "math_5a", days(1))
    future = await save(call, "math_5a", ahead, {"attendance_taken": True})
    assert (future.status_code, future.json()["code"]) == (422, "lesson_in_future")
    present = {"student_id": str(w.person("s1")), "status": "present"}
    planned = await save(call, "math_5a", ahead, {"topic": "Дроби", "attendance": [present]})
    assert planned.json()["record"]["attendance_taken_at"] is None  # not held yet


async def test_a_final_mark_is_on_time_by_the_last_day_of_its_period(
    school: Any, journal: Any
) -> None:
    w, call = school
    over = TermSpec(days(-60), days(-1), 1)
    running = TermSpec(TODAY, days(60), 2)
    await add_year(w, [over, running])
    late = await put_final(call, "math_5a", final(w, "s1", w.math, "term", over.id, "4"))
    in_time = await put_final(call, "math_5a", final(w, "s1", w.math, "term", running.id, "5"))
    year = await put_final(call, "math_5a", final(w, "s2", w.math, "year", over.id, "5"))
    assert [r.status_code for r in (late, in_time, year)] == [200, 200, 200], late.text
    assert [r.json()["on_time"] for r in (late, in_time, year)] == [False, True, True]
    changed = await put_final(call, "math_5a", final(w, "s1", w.math, "term", over.id, "5"))
    assert changed.json()["on_time"] is False and changed.json()["version"] == 2
    refused = await put_final(call, "math_5b", final(w, "s1", w.math, "term", over.id, "3"))
    assert refused.status_code == 403
    sets = await published(journal, w.school, events_pb2.FinalMarkSet)
    assert [(e.final_mark.value, e.final_mark.on_time) for e in sets] == [
        ("4", False),
        ("5", True),
        ("5", True),
        ("5", False),
    ]
    assert all(e.final_mark.HasField("on_time") for e in sets)

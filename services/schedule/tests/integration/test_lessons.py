"""Dated lessons: materialised for the year skipping holidays, published for the journal,
regenerated without touching lessons that have journal entries."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

from tabel.journal.v1 import events_pb2 as journal
from tabel.journal.v1 import marks_pb2
from tabel.schedule.v1 import events_pb2
from tabel_platform.waiting import eventually
from tabel_schedule.testing import add_entries, entry, events, publish, scalar, set_up


async def test_year_of_lessons_skips_holidays_and_splits_groups(api: Any, service: Any) -> None:
    school = await set_up(api, service.runtime)
    await add_entries(
        api,
        school,
        entry(
            school,
            weekday=3,
            period=1,
            subject="Английский язык",
            teacher=0,
            classes=["5А"],
            groups=["5А/1"],
            room="101",
        ),
        entry(
            school,
            weekday=3,
            period=1,
            subject="Английский язык",
            teacher=1,
            classes=["5А"],
            groups=["5А/2"],
            room="102",
        ),
        entry(
            school, weekday=3, period=2, subject="Математика", teacher=2, classes=["5А"], room="201"
        ),
    )
    report = await api.call("POST", f"/v1/academic-years/{school.year_id}/materialise", json={})
    scheduled = await events(service.runtime, school.id, events_pb2.LessonScheduled)
    assert report["created"] == len(scheduled) > 0
    days = {date(m.lesson.date.year, m.lesson.date.month, m.lesson.date.day) for m in scheduled}
    assert all(d.isoweekday() == 3 for d in days)
    assert date(2026, 10, 28) not in days and date(2026, 12, 30) not in days  # holidays
    assert date(2026, 10, 21) in days and date(2026, 11, 11) in days
    maths = [m.lesson for m in scheduled if m.lesson.subject.name == "Математика"]
    assert {m.term_id for m in maths} and all(m.room_name == "201" for m in maths)

    # The class sees both groups side by side in two rooms; each student only their own.
    week = f"/v1/weeks?date=2026-11-11&class_id={school.classes['5А']}"
    rooms = [(x["period"], x["room_name"]) for x in (await api.call("GET", week))["lessons"]]
    assert sorted(rooms) == [(1, "101"), (1, "102"), (2, "201")]
    anya = school.students["anya"]
    mine = await api.call(
        "GET", f"/v1/weeks?date=2026-11-11&student_id={anya}", roles=["student"], person_id=anya
    )
    assert [(x["period"], x["room_name"]) for x in mine["lessons"]] == [(1, "101"), (2, "201")]
    await api.call(
        "GET", f"/v1/weeks?date=2026-11-11&student_id={anya}", roles=["student"], expect=403
    )


async def test_regeneration_keeps_lessons_with_journal_entries(api: Any, service: Any) -> None:
    school = await set_up(api, service.runtime)
    added = await add_entries(
        api,
        school,
        entry(
            school, weekday=1, period=1, subject="Математика", teacher=0, classes=["5Б"], room="101"
        ),
    )
    await api.call("POST", f"/v1/academic-years/{school.year_id}/materialise", json={})
    week = await api.call("GET", f"/v1/weeks?date=2026-09-14&class_id={school.classes['5Б']}")
    marked = week["lessons"][0]["id"]
    mark = marks_pb2.Mark(
        id=str(uuid.uuid4()),
        school_id=str(school.id),
        lesson_id=marked,
        student_id=str(school.students["vera"]),
        value="5",
    )
    await publish(service.runtime, "journal", journal.MarkRecorded(mark=mark), school.id)
    await eventually(
        lambda: scalar(
            service.runtime,
            "SELECT count(*) FROM lessons_with_entries WHERE lesson_id = :l",
            l=uuid.UUID(marked),
        ),
        lambda n: n == 1,
    )
    # The lesson moves to Tuesday: a new entry, the old one removed.
    await api.call("DELETE", f"/v1/timetable/entries/{added[0]['id']}", expect=204)
    await add_entries(
        api,
        school,
        entry(
            school, weekday=2, period=2, subject="Математика", teacher=0, classes=["5Б"], room="101"
        ),
    )
    report = await api.call("POST", f"/v1/academic-years/{school.year_id}/materialise", json={})
    assert [(k["lesson_id"], k["reason"], k["differs"]) for k in report["kept"]] == [
        (marked, "has_journal_entries", ["removed"])
    ]
    assert report["removed"] > 0 and report["created"] > 0
    cancelled = await events(service.runtime, school.id, events_pb2.LessonCancelled)
    assert marked not in {m.lesson.id for m in cancelled}
    assert len(cancelled) == report["removed"]
    after = await api.call("GET", f"/v1/weeks?date=2026-09-14&class_id={school.classes['5Б']}")
    assert [(x["id"], x["date"]) for x in after["lessons"]] == [
        (marked, "2026-09-14"),
        (after["lessons"][1]["id"], "2026-09-15"),
    ]
    again = await api.call("POST", f"/v1/academic-years/{school.year_id}/materialise", json={})
    assert (again["created"], again["updated"], again["removed"]) == (0, 0, 0)

"""Substitutions: every change is an event; a substitute gets and then loses the lesson."""

from __future__ import annotations

from typing import Any

from tabel.schedule.v1 import events_pb2
from tabel_schedule.testing import add_entries, entry, events, set_up


async def _school_with_lessons(api: Any, service: Any) -> Any:
    school = await set_up(api, service.runtime)
    await add_entries(
        api,
        school,
        entry(
            school, weekday=1, period=1, subject="Математика", teacher=0, classes=["5А"], room="101"
        ),
        entry(school, weekday=1, period=2, subject="Физика", teacher=1, classes=["5Б"], room="102"),
    )
    await api.call("POST", f"/v1/academic-years/{school.year_id}/materialise", json={})
    return school


async def test_substitute_gets_and_then_loses_the_lesson(api: Any, service: Any) -> None:
    school = await _school_with_lessons(api, service)
    week = await api.call("GET", f"/v1/weeks?date=2026-11-16&class_id={school.classes['5А']}")
    lesson = week["lessons"][0]["id"]
    substitute = school.teachers[1]
    # Teacher 1 teaches 5Б in period 2, not period 1: free to substitute.
    changed = await api.call(
        "PUT",
        f"/v1/lessons/{lesson}/substitute",
        json={"substitute_teacher_id": str(substitute), "reason": "Болезнь учителя"},
    )
    assert changed["substitute_teacher_id"] == str(substitute) and changed["changes"] == ["teacher"]
    made = await events(service.runtime, school.id, events_pb2.SubstitutionMade)
    assert [(m.lesson_id, m.substitute_teacher_id, m.teacher_id) for m in made] == [
        (lesson, str(substitute), str(school.teachers[0]))
    ]
    lesson_changed = await events(service.runtime, school.id, events_pb2.LessonChanged)
    assert lesson_changed[-1].lesson.substitute_teacher_id == str(substitute)
    assert list(lesson_changed[-1].update_mask.paths) == ["substitute_teacher_id"]
    # The substitute's week shows it, marked; teachers may look at each other's weeks.
    theirs = await api.call(
        "GET", f"/v1/weeks?date=2026-11-16&teacher_id={substitute}", roles=["teacher"]
    )
    assert [(x["id"], x["changes"]) for x in theirs["lessons"] if x["date"] == "2026-11-16"] == [
        (lesson, ["teacher"]),
        (theirs["lessons"][1]["id"], []),
    ]

    back = await api.call("DELETE", f"/v1/lessons/{lesson}/substitute")
    assert back["substitute_teacher_id"] is None and back["changes"] == []
    ended = await events(service.runtime, school.id, events_pb2.SubstitutionEnded)
    assert [(e.lesson_id, e.substitute_teacher_id, e.substitution_id) for e in ended] == [
        (lesson, str(substitute), made[0].substitution_id)
    ]
    theirs = await api.call("GET", f"/v1/weeks?date=2026-11-16&teacher_id={substitute}")
    assert lesson not in {x["id"] for x in theirs["lessons"]}
    await api.call("DELETE", f"/v1/lessons/{lesson}/substitute", expect=409)


async def test_busy_substitute_room_and_slot_are_refused(api: Any, service: Any) -> None:
    school = await _school_with_lessons(api, service)
    week = await api.call("GET", f"/v1/weeks?date=2026-11-16&class_id={school.classes['5А']}")
    lesson = week["lessons"][0]["id"]
    busy = await api.call(
        "PUT", f"/v1/lessons/{lesson}/room", json={"room_id": str(school.rooms["102"])}
    )
    assert busy["changes"] == ["room"]
    # Period 2 of that Monday: teacher 1 and room 102 are busy with 5Б.
    clash = await api.call(
        "POST",
        f"/v1/lessons/{lesson}/move",
        json={"date": "2026-11-16", "period": 2},
        expect=409,
    )
    assert {e["code"] for e in clash["errors"]} == {"room"}
    moved = await api.call(
        "POST",
        f"/v1/lessons/{lesson}/move",
        json={"date": "2026-11-17", "period": 3, "reason": "Экскурсия"},
    )
    assert (moved["date"], moved["period"], moved["original_date"]) == (
        "2026-11-17",
        3,
        "2026-11-16",
    )
    assert set(moved["changes"]) == {"room", "moved"}
    paths = (await events(service.runtime, school.id, events_pb2.LessonChanged))[-1].update_mask
    assert {"date", "period", "starts_at", "ends_at"} <= set(paths.paths)
    taken = await api.call(
        "PUT",
        f"/v1/lessons/{lesson}/substitute",
        json={"substitute_teacher_id": str(school.teachers[0])},
        expect=422,
    )
    assert taken["code"] == "same_teacher"
    cancelled = await api.call("POST", f"/v1/lessons/{lesson}/cancel", json={"reason": "Карантин"})
    assert cancelled["status"] == "cancelled" and "cancelled" in cancelled["changes"]
    published = await events(service.runtime, school.id, events_pb2.LessonCancelled)
    assert [(m.lesson.id, m.reason) for m in published] == [(lesson, "Карантин")]
    await api.call("POST", f"/v1/lessons/{lesson}/cancel", json={"reason": "x"}, expect=409)
    await api.call(
        "POST", f"/v1/lessons/{lesson}/cancel", json={"reason": "x"}, roles=["teacher"], expect=403
    )
    week = await api.call("GET", f"/v1/weeks?date=2026-11-16&class_id={school.classes['5А']}")
    assert [x["status"] for x in week["lessons"] if x["id"] == lesson] == ["cancelled"]

"""Thematic plans (seed 002 2.7): a subject teacher's plan for their class, checked whole,
read by the class teacher and management; lesson records name its items, and the plan shows
which lessons covered what and suggests the next topic."""

from __future__ import annotations

import uuid
from datetime import date, timedelta
from typing import Any

import pytest
from sqlalchemy import text

from tabel.events.v1 import envelope_pb2
from tabel.journal.v1 import events_pb2
from tabel_platform.events.envelope import subject_of

from .client import As
from .test_lesson_entries import outbox
from .world import World, build_school

TODAY = date.today()
SAVED = "tabel.journal.thematic_plan.saved.v1"


@pytest.fixture
async def school(journal: Any, issuer: Any) -> tuple[World, As]:
    w = await build_school(journal, TODAY)
    return w, As(journal, issuer, w)


def plan_body(w: World, class_name: str = "5А", items: list[Any] | None = None) -> dict[str, Any]:
    return {
        "class_id": str(w.classes[class_name]),
        "subject_id": str(w.math),
        "academic_year_id": str(w.year),
        "items": items
        if items is not None
        else [
            {"number": 1, "topic": "Дроби"},
            {"number": 2, "topic": "Сложение дробей", "hours": 2},
        ],
    }


async def put_plan(call: As, who: str, plan: uuid.UUID, body: dict[str, Any], **kw: Any) -> Any:
    return await call(who, "PUT", f"/v1/journal/thematic-plans/{plan}", json=body, **kw)


async def plan_history(journal: Any, w: World, plan: uuid.UUID) -> list[Any]:
    async with journal.runtime.db.transaction(school_id=w.school) as s:
        rows = await s.execute(
            text(
                "SELECT version, action, after FROM history WHERE school_id = :s "
                "AND entity = 'thematic_plan' AND entity_id = :p ORDER BY version"
            ),
            {"s": w.school, "p": str(plan)},
        )
        return list(rows)


async def test_a_teacher_replaces_a_plan_once_per_key_and_items_keep_their_ids(
    school: Any, journal: Any
) -> None:
    w, call = school
    plan = uuid.uuid4()
    first = await put_plan(call, "math_5a", plan, plan_body(w), key="plan-1")
    assert first.status_code == 200, first.text
    assert first.json()["version"] == 1
    assert [(i["number"], i["topic"], i["hours"]) for i in first.json()["items"]] == [
        (1, "Дроби", 1),
        (2, "Сложение дробей", 2),
    ]
    again = await put_plan(call, "math_5a", plan, plan_body(w), key="plan-1")
    assert again.json() == first.json()

    items = [{"number": 1, "topic": "Дроби"}, {"number": 2, "topic": "Сложение дробей", "hours": 3}]
    items.append({"number": 3, "topic": "Вычитание дробей"})
    second = await put_plan(call, "math_5a", plan, plan_body(w, items=items))
    assert second.json()["version"] == 2
    ids = [i["item_id"] for i in second.json()["items"]]
    assert ids[:2] == [i["item_id"] for i in first.json()["items"]]
    same = await put_plan(call, "math_5a", plan, plan_body(w, items=items))
    assert same.json()["version"] == 2  # nothing changed: no new version

    assert (await outbox(journal, w.school)).count(SAVED) == 2
    versions = await plan_history(journal, w, plan)
    assert [(v.version, v.action) for v in versions] == [(1, "create"), (2, "update")]
    assert len(versions[1].after["items"]) == 3

    listed = await call(
        "class_teacher_5a",
        "GET",
        "/v1/journal/thematic-plans",
        params={"class_id": str(w.classes["5А"]), "subject_id": str(w.math)},
    )
    assert listed.status_code == 200, listed.text
    assert [p["plan_id"] for p in listed.json()["plans"]] == [str(plan)]
    other = await put_plan(call, "math_5a", uuid.uuid4(), plan_body(w))
    assert other.status_code == 409 and other.json()["code"] == "plan_exists"


async def test_a_plan_is_checked_whole_and_nothing_of_a_bad_one_is_written(school: Any) -> None:
    w, call = school
    plan = uuid.uuid4()
    items = [
        {"number": 1, "topic": "Дроби"},
        {"number": 2, "topic": "  "},
        {"number": 1, "topic": "Повтор", "hours": 11},
        {"number": 4, "topic": "я" * 501},
    ]
    bad = await put_plan(call, "math_5a", plan, plan_body(w, items=items))
    assert bad.status_code == 422, bad.text
    assert {(e["field"], e["code"]) for e in bad.json()["errors"]} == {
        ("items.1.topic", "plan_topic_required"),
        ("items.2.number", "duplicate_plan_item_number"),
        ("items.2.hours", "plan_hours_out_of_range"),
        ("items.3.topic", "plan_topic_too_long"),
    }
    assert all(e["message"] for e in bad.json()["errors"])
    many = [{"number": n, "topic": f"Тема {n}"} for n in range(1, 302)]
    too_many = await put_plan(call, "math_5a", plan, plan_body(w, items=many))
    assert too_many.status_code == 422
    assert too_many.json()["errors"][0]["code"] == "too_many_plan_items"
    neither = {**plan_body(w), "class_id": None}
    unit = await put_plan(call, "math_5a", plan, neither)
    assert unit.status_code == 422 and unit.json()["errors"][0]["field"] == "class_id"
    missing = await call("math_5a", "GET", f"/v1/journal/thematic-plans/{plan}")
    assert missing.status_code == 404


async def test_only_the_subject_teacher_writes_and_only_staff_of_the_class_read(
    school: Any,
) -> None:
    w, call = school
    plan = uuid.uuid4()
    for who in ("math_5b", "history_5a", "class_teacher_5a", "director", "parent1", "s1"):
        refused = await put_plan(call, who, plan, plan_body(w))
        assert refused.status_code == 403, (who, refused.text)
    assert (await put_plan(call, "math_5a", plan, plan_body(w))).status_code == 200
    url = f"/v1/journal/thematic-plans/{plan}"
    listing = {"class_id": str(w.classes["5А"])}
    for who, expected in (
        ("math_5a", 200),
        ("class_teacher_5a", 200),
        ("director", 200),
        ("deputy", 200),
        ("math_5b", 403),
        ("class_teacher_5b", 403),
        ("parent1", 403),
        ("s1", 403),
    ):
        got = await call(who, "GET", url)
        assert got.status_code == expected, (who, got.text)
        got = await call(who, "GET", "/v1/journal/thematic-plans", params=listing)
        assert got.status_code == expected, (who, got.text)


def _record_of_saves(envelopes: list[bytes]) -> list[Any]:
    records = []
    for raw in envelopes:
        saved = events_pb2.LessonJournalSaved()
        assert envelope_pb2.Envelope.FromString(raw).payload.Unpack(saved)
        if saved.HasField("record"):
            records.append(saved.record.record)
    return records


async def test_lessons_cover_plan_items_and_the_next_topic_is_suggested(
    school: Any, journal: Any
) -> None:
    w, call = school
    plan = uuid.uuid4()
    made = await put_plan(call, "math_5a", plan, plan_body(w))
    first_item, second_item = (i["item_id"] for i in made.json()["items"])
    lessons = [
        await w.lesson("5А", w.math, "math_5a", TODAY - timedelta(days=n)) for n in (2, 1, 0)
    ]

    async def suggested(lesson: uuid.UUID, who: str = "math_5a") -> Any:
        r = await call(who, "GET", f"/v1/journal/lessons/{lesson}/plan-suggestion")
        assert r.status_code == 200, r.text
        return r.json()

    assert (await suggested(lessons[0]))["item_id"] == first_item
    saved = await call(
        "math_5a",
        "PUT",
        f"/v1/journal/lessons/{lessons[0]}/journal",
        json={"plan_item_id": first_item},
    )
    assert saved.status_code == 200, saved.text
    assert saved.json()["record"]["topic"] == "Дроби"
    assert saved.json()["record"]["plan_item_id"] == first_item
    assert (await suggested(lessons[0]))["item_id"] == first_item  # its own record not counted
    assert (await suggested(lessons[1]))["topic"] == "Сложение дробей"

    own = await call(
        "math_5a",
        "PUT",
        f"/v1/journal/lessons/{lessons[1]}/journal",
        json={"topic": "Сложение дробей с разными знаменателями", "plan_item_id": second_item},
    )
    assert own.json()["record"]["topic"] == "Сложение дробей с разными знаменателями"
    assert await suggested(lessons[2]) is None
    kept = await call(
        "math_5a", "PUT", f"/v1/journal/lessons/{lessons[1]}/journal", json={"work_types": ["oral"]}
    )
    assert kept.json()["record"]["plan_item_id"] == second_item  # left out: stays

    read = await call("class_teacher_5a", "GET", f"/v1/journal/thematic-plans/{plan}")
    assert read.status_code == 200, read.text
    covered = {i["item_id"]: [x["lesson_id"] for x in i["lessons"]] for i in read.json()["items"]}
    assert covered == {first_item: [str(lessons[0])], second_item: [str(lessons[1])]}
    assert read.json()["totals"] == {
        "hours_planned": 3,
        "lessons_given": 2,
        "items_covered": 2,
        "items": 2,
    }

    async with journal.runtime.db.transaction(school_id=None, all_schools=True) as s:
        rows = await s.execute(
            text("SELECT envelope FROM outbox WHERE school_id = :s AND subject = :subj"),
            {"s": w.school, "subj": subject_of(events_pb2.LessonJournalSaved())},
        )
        records = _record_of_saves([r.envelope for r in rows])
    assert {r.plan_item_id for r in records} == {first_item, second_item}
    history = await call("math_5a", "GET", f"/v1/journal/lessons/{lessons[0]}/history")
    record_versions = [v for v in history.json()["versions"] if v["entity"] == "lesson_record"]
    assert record_versions[0]["after"]["plan_item_id"] == first_item
    assert (
        await call("parent1", "GET", f"/v1/journal/lessons/{lessons[0]}/plan-suggestion")
    ).status_code == 403
    unlinked = await call(
        "math_5a", "PUT", f"/v1/journal/lessons/{lessons[1]}/journal", json={"plan_item_id": None}
    )
    assert unlinked.json()["record"]["plan_item_id"] is None
    assert (await suggested(lessons[2]))["item_id"] == second_item


async def test_a_lesson_refuses_an_item_of_another_class_plan(school: Any) -> None:
    w, call = school
    other = await put_plan(call, "math_5b", uuid.uuid4(), plan_body(w, "5Б"))
    assert other.status_code == 200, other.text
    item_5b = other.json()["items"][0]["item_id"]
    lesson = await w.lesson("5А", w.math, "math_5a", TODAY)
    refused = await call(
        "math_5a",
        "PUT",
        f"/v1/journal/lessons/{lesson}/journal",
        json={"plan_item_id": item_5b, "topic": ""},
    )
    assert refused.status_code == 422, refused.text
    assert refused.json()["errors"][0] == {
        "field": "plan_item_id",
        "code": "plan_item_not_for_lesson",
        "message": refused.json()["errors"][0]["message"],
    }
    unknown = await call(
        "math_5a",
        "PUT",
        f"/v1/journal/lessons/{lesson}/journal",
        json={"plan_item_id": str(uuid.uuid4())},
    )
    assert unknown.status_code == 422
    journal = await call("math_5a", "GET", f"/v1/journal/lessons/{lesson}/journal")
    assert journal.json()["record"] is None  # nothing of either was written

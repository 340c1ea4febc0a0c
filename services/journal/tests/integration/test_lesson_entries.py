"""Saving a lesson's journal: idempotent retries, full history, closed terms, scales, events."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

import pytest
from sqlalchemy import text

from tabel.events.v1 import envelope_pb2
from tabel.journal.v1 import events_pb2
from tabel_platform.events.envelope import subject_of

from .client import As, mark
from .world import build_school

TODAY = date.today()


@pytest.fixture
async def school(journal: Any, issuer: Any) -> tuple[Any, As, uuid.UUID]:
    w = await build_school(journal, TODAY)
    return w, As(journal, issuer, w), await w.lesson("5А", w.math, "math_5a", TODAY)


async def outbox(journal: Any, school: uuid.UUID) -> list[str]:
    """The subjects in the outbox; a lesson save is listed with the subjects of its parts."""
    async with journal.runtime.db.transaction(school_id=None, all_schools=True) as s:
        rows = await s.execute(
            text("SELECT subject, envelope FROM outbox WHERE school_id = :s ORDER BY created_at"),
            {"s": school},
        )
        subjects = []
        for subject, raw in rows:
            subjects.append(subject)
            if subject == subject_of(events_pb2.LessonJournalSaved()):
                env = envelope_pb2.Envelope.FromString(raw)
                saved = events_pb2.LessonJournalSaved()
                assert env.payload.Unpack(saved)
                parts = [*saved.marks_recorded, *saved.marks_changed, *saved.marks_deleted]
                parts += [*saved.attendance, *([saved.record] if saved.HasField("record") else [])]
                subjects += [subject_of(p) for p in parts]
        return subjects


async def test_a_retried_save_with_the_same_key_changes_nothing(school: Any, journal: Any) -> None:
    w, call, lesson = school
    body = {
        "topic": "Дроби",
        "marks": [mark(w.person("s1")), mark(w.person("s2"), "4", "test")],
        "attendance": [{"student_id": str(w.person("s2")), "status": "late", "late_minutes": 5}],
    }
    first = await call(
        "math_5a", "PUT", f"/v1/journal/lessons/{lesson}/journal", json=body, key="k-1"
    )
    assert first.status_code == 200, first.text
    events = await outbox(journal, w.school)
    again = await call(
        "math_5a", "PUT", f"/v1/journal/lessons/{lesson}/journal", json=body, key="k-1"
    )
    assert again.status_code == 200
    assert again.json() == first.json()
    assert await outbox(journal, w.school) == events, "no new events on a retry"
    history = (await call("math_5a", "GET", f"/v1/journal/lessons/{lesson}/history")).json()[
        "versions"
    ]
    assert len(history) == 4  # two marks, one attendance entry, the record; each once
    other = {**body, "topic": "Другое"}
    reused = await call(
        "math_5a", "PUT", f"/v1/journal/lessons/{lesson}/journal", json=other, key="k-1"
    )
    assert reused.status_code == 409 and reused.json()["code"] == "idempotency_key_reused"


async def test_history_returns_every_version_with_who_before_after_and_why(
    school: Any, journal: Any
) -> None:
    w, call, lesson = school
    mid = uuid.uuid4()
    url = f"/v1/journal/lessons/{lesson}/journal"
    assert (
        await call("math_5a", "PUT", url, json={"marks": [mark(w.person("s1"), "3", mark_id=mid)]})
    ).status_code == 200
    assert (
        await call(
            "class_teacher_5a",
            "PUT",
            url,
            json={"marks": [mark(w.person("s1"), "4", mark_id=mid)], "reason": "пересдача"},
        )
    ).status_code == 200
    no_reason = await call("math_5a", "PUT", url, json={"deleted_mark_ids": [str(mid)]})
    assert no_reason.status_code == 422
    deleted = await call(
        "math_5a", "PUT", url, json={"deleted_mark_ids": [str(mid)], "reason": "ошибка ввода"}
    )
    assert deleted.status_code == 200 and deleted.json()["marks"] == []
    versions = [
        v
        for v in (await call("director", "GET", f"/v1/journal/lessons/{lesson}/history")).json()[
            "versions"
        ]
        if v["entity"] == "mark"
    ]
    assert [(v["version"], v["action"]) for v in versions] == [
        (1, "create"),
        (2, "update"),
        (3, "delete"),
    ]
    assert versions[0]["before"] is None and versions[0]["after"]["value"] == "3"
    assert versions[1]["before"]["value"] == "3" and versions[1]["after"]["value"] == "4"
    assert versions[1]["actor_person_id"] == str(w.person("class_teacher_5a"))
    assert versions[1]["reason"] == "пересдача" and versions[2]["reason"] == "ошибка ввода"
    assert versions[2]["after"] is None
    refused = await call("parent1", "GET", f"/v1/journal/lessons/{lesson}/history")
    assert refused.status_code == 403
    subjects = await outbox(journal, w.school)
    assert subjects.count("tabel.journal.lesson_journal.saved.v1") == 3, "one event per save"
    assert subjects.count("tabel.journal.mark.recorded.v1") == 1
    assert subjects.count("tabel.journal.mark.changed.v1") == 1
    assert subjects.count("tabel.journal.mark.deleted.v1") == 1


async def test_a_closed_term_needs_a_permit_and_a_reason(school: Any) -> None:
    w, call, lesson = school
    url = f"/v1/journal/lessons/{lesson}/journal"
    mid = uuid.uuid4()
    assert (
        await call("math_5a", "PUT", url, json={"marks": [mark(w.person("s1"), "3", mark_id=mid)]})
    ).status_code == 200
    await w.close_term()
    change = {"marks": [mark(w.person("s1"), "5", mark_id=mid)], "reason": "апелляция"}
    locked = await call("math_5a", "PUT", url, json=change)
    assert locked.status_code == 403 and locked.json()["code"] == "term_closed"
    refused = await call(
        "math_5a",
        "POST",
        f"/v1/journal/terms/{w.term}/permits",
        json={"person_id": str(w.person("math_5a")), "reason": "сам себе"},
    )
    assert refused.status_code == 403, "only management gives the right"
    permit = await call(
        "deputy",
        "POST",
        f"/v1/journal/terms/{w.term}/permits",
        json={"person_id": str(w.person("math_5a")), "reason": "приказ № 12"},
    )
    assert permit.status_code == 204, permit.text
    no_reason = await call("math_5a", "PUT", url, json={**change, "reason": ""})
    assert no_reason.status_code == 422 and no_reason.json()["code"] == "reason_required"
    ok = await call("math_5a", "PUT", url, json=change)
    assert ok.status_code == 200 and ok.json()["marks"][0]["value"] == "5"
    history = (await call("math_5a", "GET", f"/v1/journal/lessons/{lesson}/history")).json()[
        "versions"
    ]
    assert history[-1]["reason"] == "апелляция" and history[-1]["after"]["value"] == "5"
    # Sending the same state again changes nothing, so it needs neither right nor reason.
    same = await call("class_teacher_5a", "PUT", url, json={**change, "reason": ""})
    assert same.status_code == 200 and same.json()["changes"] == 0


@pytest.mark.parametrize(
    ("value", "work_type", "code"),
    [
        ("6", "oral", "value_out_of_scale"),
        ("отл", "oral", "value_out_of_scale"),
        ("5", "dance", "unknown_work_type"),
    ],
)
async def test_bad_marks_are_refused_with_field_errors_and_nothing_is_saved(
    school: Any, value: str, work_type: str, code: str
) -> None:
    w, call, lesson = school
    body = {"marks": [mark(w.person("s1")), mark(w.person("s2"), value, work_type)]}
    r = await call("math_5a", "PUT", f"/v1/journal/lessons/{lesson}/journal", json=body)
    assert r.status_code == 422, r.text
    assert r.json()["errors"][0]["code"] == code and r.json()["errors"][0]["field"].startswith(
        "marks.1"
    )
    assert (await call("math_5a", "GET", f"/v1/journal/lessons/{lesson}/journal")).json()[
        "marks"
    ] == []


async def test_special_marks_and_students_outside_the_lesson(school: Any) -> None:
    w, call, lesson = school
    url = f"/v1/journal/lessons/{lesson}/journal"
    ok = await call(
        "math_5a",
        "PUT",
        url,
        json={"marks": [mark(w.person("s1"), "н/а"), mark(w.person("s2"), "НЗ")]},
    )
    assert ok.status_code == 200 and sorted(m["value"] for m in ok.json()["marks"]) == ["н/а", "нз"]
    stranger = await call("math_5a", "PUT", url, json={"marks": [mark(w.person("b1"))]})
    assert (
        stranger.status_code == 422
        and stranger.json()["errors"][0]["code"] == "student_not_in_lesson"
    )


async def test_no_marks_in_grade_one_but_attendance_is_kept(school: Any) -> None:
    w, call, _ = school
    lesson = await w.lesson("1А", w.math, "teacher_1a", TODAY)
    url = f"/v1/journal/lessons/{lesson}/journal"
    r = await call("teacher_1a", "PUT", url, json={"marks": [mark(w.person("f1"))]})
    assert r.status_code == 422 and r.json()["errors"][0]["code"] == "no_marks_for_grade"
    a = await call(
        "teacher_1a",
        "PUT",
        url,
        json={"attendance": [{"student_id": str(w.person("f1")), "status": "ill"}]},
    )
    assert a.status_code == 200 and a.json()["attendance"][0]["status"] == "ill"
    assert a.json()["attendance"][0]["on_time"] is True


async def test_the_same_entry_twice_in_one_save_is_refused_and_writes_nothing(
    school: Any, journal: Any
) -> None:
    w, call, lesson = school
    url = f"/v1/journal/lessons/{lesson}/journal"
    s1 = w.person("s1")
    mid = uuid.uuid4()
    kept = await call("math_5a", "PUT", url, json={"marks": [mark(s1, "3", mark_id=mid)]})
    assert kept.status_code == 200
    twice = [
        {"marks": [mark(s1, "4", mark_id=mid), mark(s1, "5", mark_id=mid)]},
        {"attendance": [{"student_id": str(s1), "status": "absent"}] * 2},
        {"marks": [mark(s1, "4", mark_id=mid)], "deleted_mark_ids": [str(mid)], "reason": "x"},
        {"deleted_mark_ids": [str(mid), str(mid)], "reason": "ошибка"},
    ]
    for body in twice:
        refused = await call("math_5a", "PUT", url, json=body)
        assert refused.status_code == 422, (body, refused.text)
        assert refused.json()["errors"][0]["code"] == "duplicate_entry"
        assert refused.json()["errors"][0]["message"]
    page = (await call("math_5a", "GET", url)).json()
    assert [(m["mark_id"], m["value"]) for m in page["marks"]] == [(str(mid), "3")]
    assert page["attendance"] == []

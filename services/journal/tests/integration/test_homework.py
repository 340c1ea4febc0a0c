"""Homework with files, submissions and their marks, the diary's to-do list, timeliness."""

from __future__ import annotations

import uuid
from datetime import date, timedelta
from typing import Any

import pytest

from .client import As
from .test_lesson_entries import outbox
from .world import build_school

TODAY = date.today()


@pytest.fixture
async def school(journal: Any, issuer: Any) -> tuple[Any, As, uuid.UUID]:
    w = await build_school(journal, TODAY)
    return w, As(journal, issuer, w), await w.lesson("5А", w.math, "math_5a", TODAY)


async def upload(call: As, who: str, data: bytes, name: str = "задание.pdf") -> str:
    r = await call(
        who,
        "POST",
        "/v1/journal/attachments",
        content=data,
        content_type="application/pdf",
        params={"filename": name},
    )
    assert r.status_code == 201, r.text
    return str(r.json()["id"])


async def test_class_wide_homework_with_a_file_reaches_the_diary(school: Any, journal: Any) -> None:
    w, call, lesson = school
    file_id = await upload(call, "math_5a", b"%PDF-1.4 tasks")
    hw = uuid.uuid4()
    body = {"text": "№ 245, 247", "attachment_ids": [file_id], "submission_required": True}
    url = f"/v1/journal/lessons/{lesson}/homework/{hw}"
    r = await call("math_5a", "PUT", url, json=body, key="hw-1")
    assert r.status_code == 200, r.text
    assert r.json()["attachments"][0]["filename"] == "задание.pdf"
    again = await call("math_5a", "PUT", url, json=body, key="hw-1")
    assert again.json() == r.json()
    same = await call("math_5a", "PUT", url, json=body)  # no key: unchanged, so no new version
    assert same.status_code == 200
    assert (await outbox(journal, w.school)).count("tabel.journal.homework.assigned.v1") == 1

    s1 = w.person("s1")
    todo = (await call("s1", "GET", f"/v1/journal/diary/{s1}/homework")).json()
    assert [h["homework_id"] for h in todo["to_do"]] == [str(hw)] and todo["done"] == []
    week = (await call("parent1", "GET", f"/v1/journal/diary/{s1}/week")).json()
    lessons = [x for d in week["days"] for x in d["lessons"] if x["lesson_id"] == str(lesson)]
    assert lessons[0]["homework_assigned"][0]["text"] == "№ 245, 247"

    for who, expected in (("s1", 200), ("parent1", 200), ("director", 200), ("b1", 403)):
        got = await call(who, "GET", f"/v1/journal/attachments/{file_id}")
        assert got.status_code == expected, (who, got.text)
    got = await call("s2", "GET", f"/v1/journal/attachments/{file_id}")
    assert got.content == b"%PDF-1.4 tasks"
    assert "attachment" in got.headers["content-disposition"]


async def test_homework_is_refused_to_a_teacher_of_another_class_and_validated(
    school: Any,
) -> None:
    w, call, lesson = school
    url = f"/v1/journal/lessons/{lesson}/homework/{uuid.uuid4()}"
    refused = await call("math_5b", "PUT", url, json={"text": "x"})
    assert refused.status_code == 403
    bad = await call(
        "math_5a",
        "PUT",
        url,
        json={
            "text": "x",
            "scope": "individual",
            "student_ids": [str(w.person("b1"))],
            "due_on": (TODAY - timedelta(days=1)).isoformat(),
        },
    )
    assert bad.status_code == 422
    fields = {e["field"] for e in bad.json()["errors"]}
    assert fields == {"student_ids.0", "due_on"}
    assert all(e["message"] for e in bad.json()["errors"])
    foreign_file = await upload(call, "math_5b", b"not yours")
    stolen = await call("math_5a", "PUT", url, json={"text": "x", "attachment_ids": [foreign_file]})
    assert stolen.status_code == 422 and stolen.json()["errors"][0]["field"] == "attachment_ids.0"


async def test_individual_homework_is_for_the_listed_students_only(school: Any) -> None:
    w, call, lesson = school
    hw = uuid.uuid4()
    r = await call(
        "math_5a",
        "PUT",
        f"/v1/journal/lessons/{lesson}/homework/{hw}",
        json={"text": "Карточка 3", "scope": "individual", "student_ids": [str(w.person("s1"))]},
    )
    assert r.status_code == 200, r.text
    s2 = w.person("s2")
    assert (await call("s2", "GET", f"/v1/journal/diary/{s2}/homework")).json()["to_do"] == []
    refused = await call(
        "s2", "PUT", f"/v1/journal/homework/{hw}/submissions/{s2}", json={"text": "готово"}
    )
    assert refused.status_code == 403


async def test_submission_is_returned_resubmitted_checked_and_marked(
    school: Any, journal: Any
) -> None:
    w, call, lesson = school
    hw = uuid.uuid4()
    assert (
        await call(
            "math_5a",
            "PUT",
            f"/v1/journal/lessons/{lesson}/homework/{hw}",
            json={"text": "Решить задачи", "submission_required": True},
        )
    ).status_code == 200
    s1 = w.person("s1")
    sub = f"/v1/journal/homework/{hw}/submissions/{s1}"
    photo = await upload(call, "s1", b"photo", "решение.jpg")
    assert (await call("parent1", "PUT", sub, json={"text": "за сына"})).status_code == 403
    assert (await call("s2", "PUT", sub, json={"text": "чужое"})).status_code == 403
    first = await call("s1", "PUT", sub, json={"text": "Ответ: 42", "attachment_ids": [photo]})
    assert first.status_code == 200 and first.json()["status"] == "submitted", first.text
    assert (await call("math_5a", "GET", f"/v1/journal/attachments/{photo}")).status_code == 200
    assert (await call("s2", "GET", f"/v1/journal/attachments/{photo}")).status_code == 403

    listing = (await call("math_5a", "GET", f"/v1/journal/homework/{hw}/submissions")).json()
    statuses = {x["student_id"]: x["status"] for x in listing["students"]}
    assert statuses == {str(s1): "submitted", str(w.person("s2")): "assigned"}
    assert (
        await call("parent1", "GET", f"/v1/journal/homework/{hw}/submissions")
    ).status_code == 403

    review = f"{sub}/review"
    assert (
        await call("history_5a", "POST", review, json={"decision": "checked"})
    ).status_code == 403
    early = await call("math_5a", "POST", f"{sub}/mark", json={"value": "5"})
    assert early.status_code == 409 and early.json()["code"] == "not_checked"
    returned = await call(
        "math_5a", "POST", review, json={"decision": "returned", "comment": "Нет решения"}
    )
    assert returned.json()["status"] == "returned"
    assert (
        await call("s1", "PUT", sub, json={"text": "Ответ: 42, решение: ..."})
    ).status_code == 200
    assert (await call("math_5a", "POST", review, json={"decision": "checked"})).status_code == 200
    late = await call("s1", "PUT", sub, json={"text": "ещё раз"})
    assert late.status_code == 409 and late.json()["code"] == "submission_checked"

    marked = await call("math_5a", "POST", f"{sub}/mark", json={"value": "5"})
    assert marked.status_code == 200, marked.text
    events_after_mark = await outbox(journal, w.school)
    assert (await call("math_5a", "POST", f"{sub}/mark", json={"value": "5"})).status_code == 200
    assert await outbox(journal, w.school) == events_after_mark, "a retried mark changes nothing"
    journal_page = (await call("math_5a", "GET", f"/v1/journal/lessons/{lesson}/journal")).json()
    assert [(m["student_id"], m["value"], m["work_type"]) for m in journal_page["marks"]] == [
        (str(s1), "5", "homework")
    ]
    listing = (await call("math_5a", "GET", f"/v1/journal/homework/{hw}/submissions")).json()
    mine = next(x for x in listing["students"] if x["student_id"] == str(s1))
    assert [e["action"] for e in mine["log"]] == [
        "submitted",
        "returned",
        "resubmitted",
        "checked",
        "marked",
    ]
    assert mine["log"][1]["note"] == "Нет решения"
    done = (await call("parent1", "GET", f"/v1/journal/diary/{s1}/homework")).json()["done"]
    assert done[0]["status"] == "checked" and done[0]["mark"] == "5"
    assert events_after_mark.count("tabel.journal.submission.made.v1") == 2
    assert events_after_mark.count("tabel.journal.submission.checked.v1") == 3
    assert events_after_mark.count("tabel.journal.mark.recorded.v1") == 1


async def test_homework_timeliness_and_removal_with_a_reason(school: Any, journal: Any) -> None:
    w, call, _ = school
    past = await w.lesson("5А", w.math, "math_5a", TODAY - timedelta(days=3))
    future = await w.lesson("5А", w.math, "math_5a", TODAY + timedelta(days=2))
    late_hw, timely_hw = uuid.uuid4(), uuid.uuid4()
    late = await call(
        "math_5a", "PUT", f"/v1/journal/lessons/{past}/homework/{late_hw}", json={"text": "a"}
    )
    timely = await call(
        "math_5a", "PUT", f"/v1/journal/lessons/{future}/homework/{timely_hw}", json={"text": "b"}
    )
    assert late.json()["on_time"] is False and timely.json()["on_time"] is True
    url = f"/v1/journal/lessons/{past}/homework/{late_hw}"
    assert (await call("math_5a", "DELETE", url, params={"reason": " "})).status_code == 422
    assert (await call("math_5b", "DELETE", url, params={"reason": "x"})).status_code == 403
    gone = await call("math_5a", "DELETE", url, params={"reason": "задано по ошибке"})
    assert gone.status_code == 204
    assert "tabel.journal.homework.removed.v1" in await outbox(journal, w.school)
    s1 = w.person("s1")
    diary = (await call("s1", "GET", f"/v1/journal/diary/{s1}/homework")).json()
    assert str(late_hw) not in {h["homework_id"] for h in diary["to_do"] + diary["done"]}


async def test_a_submission_checked_before_its_due_lesson_is_marked_where_it_was_given(
    school: Any,
) -> None:
    w, call, lesson = school
    due = await w.lesson("5А", w.math, "math_5a", TODAY + timedelta(days=2), period=3)
    hw = uuid.uuid4()
    body = {"text": "Задачи 1–5", "submission_required": True, "due_lesson_id": str(due)}
    given = await call("math_5a", "PUT", f"/v1/journal/lessons/{lesson}/homework/{hw}", json=body)
    assert given.status_code == 200, given.text
    sub = f"/v1/journal/homework/{hw}/submissions/{w.person('s1')}"
    assert (await call("s1", "PUT", sub, json={"text": "Готово"})).status_code == 200
    checked = await call("math_5a", "POST", f"{sub}/review", json={"decision": "checked"})
    assert checked.status_code == 200, checked.text
    refused = await call("math_5b", "POST", f"{sub}/mark", json={"value": "5"})
    assert refused.status_code == 403, "a teacher of another class"

    marked = await call("math_5a", "POST", f"{sub}/mark", json={"value": "5"})
    assert marked.status_code == 200, marked.text
    assert marked.json()["lesson_id"] == str(lesson), "not the lesson still to come"

"""Paper records kept during an outage: validated row by row before anything is written."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from .client import As
from .test_lesson_entries import outbox
from .world import build_school

# The school's day (its default time zone), which the import judges entries' days by.
TODAY = datetime.now(UTC).astimezone(ZoneInfo("Europe/Moscow")).date()
URL = "/v1/journal/imports/paper-journal"


@pytest.fixture
async def school(journal: Any, issuer: Any) -> tuple[Any, As, uuid.UUID]:
    w = await build_school(journal, TODAY)
    return w, As(journal, issuer, w), await w.lesson("5А", w.math, "math_5a", TODAY)


def csv_of(*rows: str) -> bytes:
    return (
        "lesson_id;student_id;kind;value;work_type;late_minutes;reason\n" + "\n".join(rows)
    ).encode()


async def post(call: As, who: str, data: bytes) -> Any:
    return await call(who, "POST", URL, content=data, content_type="text/csv")


async def test_a_bad_row_writes_nothing_and_every_problem_is_named(
    school: Any, journal: Any
) -> None:
    w, call, lesson = school
    s1, s2, b1 = w.person("s1"), w.person("s2"), w.person("b1")
    data = csv_of(
        f"{lesson};{s1};отметка;5;oral;;",
        f"{lesson};{s1};отметка;7;oral;;",
        f"{lesson};{b1};посещаемость;н;;;",
        f"не-урок;{s1};отметка;5;oral;;",
        f"{lesson};{s1};посещаемость;оп;;;",
        f"{lesson};{s1};отметка;4;dance;;",
        f"{lesson};{s2};посещаемость;н;;;",
        f"{lesson};{s2};посещаемость;б;;;",
    )
    r = await post(call, "math_5a", data)
    assert r.status_code == 422 and r.json()["code"] == "import_invalid"
    found = [(e["row"], e["column"], e["code"]) for e in r.json()["errors"]]
    assert found == [
        (3, "value", "value_out_of_scale"),
        (4, "student_id", "student_not_in_lesson"),
        (5, "lesson_id", "invalid_uuid"),
        (6, "late_minutes", "invalid_minutes"),
        (7, "work_type", "unknown_work_type"),
        (9, "student_id", "duplicate_entry"),
    ]
    assert all(e["message"] and e["message"][0].isupper() for e in r.json()["errors"])
    page = (await call("math_5a", "GET", f"/v1/journal/lessons/{lesson}/journal")).json()
    assert page["marks"] == [] and page["attendance"] == []
    assert await outbox(journal, w.school) == []


async def test_a_good_file_is_imported_once_and_refused_to_other_teachers(
    school: Any, journal: Any
) -> None:
    w, call, lesson = school
    s1, s2 = w.person("s1"), w.person("s2")
    data = csv_of(
        f"{lesson};{s1};отметка;5;oral;;",
        f"{lesson};{s1};отметка;4;oral;;",
        f"{lesson};{s2};посещаемость;б;;;справка",
        f"{lesson};{s1};посещаемость;оп;;10;",
    )
    refused = await post(call, "math_5b", data)
    assert refused.status_code == 422
    assert {e["code"] for e in refused.json()["errors"]} == {"lesson_forbidden"}
    first = await post(call, "math_5a", data)
    assert first.status_code == 200, first.text
    # the four rows and the lesson's record: attendance was taken (on paper)
    assert first.json() == {"rows": 4, "lessons": 1, "changes": 5}
    events = await outbox(journal, w.school)
    again = await post(call, "math_5a", data)
    assert again.json()["changes"] == 0
    assert await outbox(journal, w.school) == events, "a re-import changes nothing"
    page = (await call("math_5a", "GET", f"/v1/journal/lessons/{lesson}/journal")).json()
    assert sorted(m["value"] for m in page["marks"]) == ["4", "5"]
    statuses = {a["student_id"]: (a["status"], a["reason"]) for a in page["attendance"]}
    assert statuses == {str(s2): ("ill", "справка"), str(s1): ("late", "")}
    history = (await call("director", "GET", f"/v1/journal/lessons/{lesson}/history")).json()
    assert all(v["reason"] == "Перенос записей из временного журнала" for v in history["versions"])


async def test_a_file_that_is_not_a_journal_is_refused_clearly(school: Any) -> None:
    _, call, _ = school
    r = await post(call, "math_5a", b"name,age\nx,1\n")
    assert r.status_code == 422 and r.json()["errors"][0]["code"] == "missing_columns"
    r = await post(call, "math_5a", "lesson_id;student_id;kind;value\n".encode("cp1251") + b"\xff")
    assert r.status_code == 422


async def test_entries_made_on_paper_are_timed_by_the_day_written_on_paper(
    journal: Any, issuer: Any
) -> None:
    w = await build_school(journal, TODAY)
    call = As(journal, issuer, w)
    day = TODAY - timedelta(days=10)
    lesson = await w.lesson("5А", w.math, "math_5a", day)
    s1, s2 = w.person("s1"), w.person("s2")
    on_paper = day.strftime("%d.%m.%Y")

    def rows(*lines: str) -> bytes:
        head = "lesson_id;student_id;kind;value;work_type;late_minutes;reason;recorded_on\n"
        return (head + "\n".join(lines)).encode()

    bad = await post(
        call,
        "math_5a",
        rows(
            f"{lesson};{s1};отметка;5;oral;;;{(day - timedelta(days=1)).isoformat()}",
            f"{lesson};{s1};отметка;5;oral;;;{(TODAY + timedelta(days=1)).isoformat()}",
            f"{lesson};{s1};отметка;5;oral;;;31.02.2026",
        ),
    )
    assert bad.status_code == 422
    assert [(e["row"], e["code"]) for e in bad.json()["errors"]] == [
        (2, "recorded_before_lesson"),
        (3, "date_in_future"),
        (4, "invalid_date"),
    ]
    assert all(e["column"] == "recorded_on" and e["message"] for e in bad.json()["errors"])

    good = await post(
        call,
        "math_5a",
        rows(
            f"{lesson};{s1};отметка;5;oral;;;{on_paper}",
            f"{lesson};{s2};посещаемость;н;;;;{on_paper}",
            f"{lesson};{s2};отметка;4;oral;;;",
        ),
    )
    assert good.status_code == 200, good.text
    assert good.json() == {"rows": 3, "lessons": 1, "changes": 4}  # and attendance taken
    page = (await call("math_5a", "GET", f"/v1/journal/lessons/{lesson}/journal")).json()
    timely = {m["student_id"]: m["on_time"] for m in page["marks"]}
    assert timely == {str(s1): True, str(s2): False}, "written on paper that day / entered now"
    assert [a["on_time"] for a in page["attendance"]] == [True]
    assert page["record"]["attendance_on_time"] is True, "taken on paper on the lesson's day"

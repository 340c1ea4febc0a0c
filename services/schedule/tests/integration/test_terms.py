"""Closing a term: TermClosed as the journal reads it, a clear refusal of a second close,
and the term locked in schedule too (no substitutions, no regeneration inside it)."""

from __future__ import annotations

import uuid
from typing import Any

from tabel.schedule.v1 import calendar_pb2, events_pb2
from tabel_schedule.testing import add_entries, entry, events, set_up


async def _first_quarter(api: Any) -> dict[str, Any]:
    years = await api.call("GET", "/v1/academic-years")
    return next(t for t in years[0]["terms"] if t["kind"] == "quarter" and t["number"] == 1)


async def test_closing_a_term_emits_term_closed_once_and_refuses_a_second_close(
    api: Any, service: Any
) -> None:
    school = await set_up(api, service.runtime)
    quarter = await _first_quarter(api)
    path = f"/v1/terms/{quarter['id']}/close"
    await api.call("POST", path, roles=["teacher"], expect=403)
    closed = await api.call("POST", path)
    assert closed["closed"] is True and closed["closed_at"]
    assert closed["academic_year_id"] == str(school.year_id)

    # What the journal's consumer reads to lock the term's entries.
    published = await events(service.runtime, school.id, events_pb2.TermClosed)
    assert len(published) == 1
    term = published[0].term
    assert (term.id, term.school_id, term.academic_year_id) == (
        quarter["id"],
        str(school.id),
        str(school.year_id),
    )
    assert term.closed and term.number == 1 and term.kind == calendar_pb2.TERM_KIND_QUARTER
    assert (term.starts_on.month, term.starts_on.day, term.ends_on.month, term.ends_on.day) == (
        9,
        1,
        10,
        24,
    )
    assert list(term.grade_levels) == list(range(1, 10))

    again = await api.call("POST", path, expect=409)
    assert again["code"] == "term_already_closed" and "уже закрыт" in again["detail"]
    assert len(await events(service.runtime, school.id, events_pb2.TermClosed)) == 1
    missing = await api.call("POST", f"/v1/terms/{uuid.uuid4()}/close", expect=404)
    assert missing["code"] == "term_not_found"
    years = await api.call("GET", "/v1/academic-years")
    assert [t["closed"] for t in years[0]["terms"] if t["id"] == quarter["id"]] == [True]
    # The half-year of grades 10–11 over the same dates stays open.
    assert not any(t["closed"] for t in years[0]["terms"] if t["kind"] == "half_year")


async def test_a_closed_term_is_locked_for_substitutions_and_regeneration(
    api: Any, service: Any
) -> None:
    school = await set_up(api, service.runtime)
    await add_entries(
        api,
        school,
        entry(school, weekday=1, period=1, subject="Математика", teacher=0, classes=["5А"]),
    )
    await api.call("POST", f"/v1/academic-years/{school.year_id}/materialise", json={})
    quarter = await _first_quarter(api)
    await api.call("POST", f"/v1/terms/{quarter['id']}/close")

    def week(day: str) -> str:
        return f"/v1/weeks?date={day}&class_id={school.classes['5А']}"

    in_closed = (await api.call("GET", week("2026-09-07")))["lessons"][0]["id"]
    refused = await api.call(
        "POST", f"/v1/lessons/{in_closed}/cancel", json={"reason": "Карантин"}, expect=409
    )
    assert refused["code"] == "term_closed"
    in_open = (await api.call("GET", week("2026-11-16")))["lessons"][0]["id"]
    into_closed = await api.call(
        "POST", f"/v1/lessons/{in_open}/move", json={"date": "2026-09-08", "period": 2}, expect=409
    )
    assert into_closed["code"] == "term_closed"

    # A new timetable entry reaches the open terms only; the closed quarter stays as it was.
    await add_entries(
        api,
        school,
        entry(school, weekday=1, period=2, subject="Физика", teacher=1, classes=["5А"]),
    )
    report = await api.call("POST", f"/v1/academic-years/{school.year_id}/materialise", json={})
    assert report["locked"] > 0 and report["created"] > 0
    closed_week = (await api.call("GET", week("2026-09-07")))["lessons"]
    open_week = (await api.call("GET", week("2026-11-16")))["lessons"]
    assert [x["subject_name"] for x in closed_week] == ["Математика"]
    assert [x["subject_name"] for x in open_week] == ["Математика", "Физика"]

"""Building blocks of the final-mark tests: academic years with quarters and half-years as
schedule publishes them, closed terms, permits, and the final-mark calls."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import httpx

from tabel.schedule.v1 import calendar_pb2
from tabel.schedule.v1 import events_pb2 as se

from .client import As
from .world import World, d

FINAL_MARKS = "/v1/journal/final-marks"
QUARTER = calendar_pb2.TERM_KIND_QUARTER
HALF_YEAR = calendar_pb2.TERM_KIND_HALF_YEAR


@dataclass(frozen=True)
class TermSpec:
    starts: date
    ends: date
    number: int
    kind: calendar_pb2.TermKind.ValueType = QUARTER
    id: uuid.UUID = field(default_factory=uuid.uuid4)


def _term(w: World, year: uuid.UUID, t: TermSpec, *, closed: bool = False) -> calendar_pb2.Term:
    return calendar_pb2.Term(
        id=str(t.id),
        school_id=str(w.school),
        academic_year_id=str(year),
        kind=t.kind,
        number=t.number,
        grade_levels=[5],
        starts_on=d(t.starts),
        ends_on=d(t.ends),
        closed=closed,
    )


async def add_year(w: World, terms: list[TermSpec], year: uuid.UUID | None = None) -> uuid.UUID:
    """AcademicYearCreated with these terms (a new year unless `year` is given)."""
    found = year or uuid.uuid4()
    await w.publish(
        "schedule",
        se.AcademicYearCreated(
            academic_year=calendar_pb2.AcademicYear(id=str(found), school_id=str(w.school)),
            terms=[_term(w, found, t) for t in terms],
        ),
    )
    return found


async def close(w: World, year: uuid.UUID, term: TermSpec) -> None:
    """TermClosed carrying the whole term, as schedule publishes it."""
    await w.publish("schedule", se.TermClosed(term=_term(w, year, term, closed=True)))


async def permit(call: As, term: uuid.UUID, who: str, reason: str = "исправление") -> None:
    """The director lets `who` change the closed term's entries."""
    r = await call(
        "director",
        "POST",
        f"/v1/journal/terms/{term}/permits",
        json={"person_id": str(call.world.person(who)), "reason": reason},
    )
    assert r.status_code == 204, r.text


def final(
    w: World,
    student: str,
    subject: uuid.UUID,
    kind: str,
    term: uuid.UUID,
    value: str = "4",
    reason: str = "",
) -> dict[str, Any]:
    return {
        "student_id": str(w.person(student)),
        "subject_id": str(subject),
        "kind": kind,
        "term_id": str(term),
        "value": value,
        "reason": reason,
    }


async def put_final(
    call: As, who: str, body: dict[str, Any], key: str | None = None
) -> httpx.Response:
    return await call(who, "PUT", FINAL_MARKS, json=body, key=key)


async def delete_final(
    call: As, who: str, body: dict[str, Any], reason: str | None, key: str | None = None
) -> httpx.Response:
    params = {k: body[k] for k in ("student_id", "subject_id", "kind", "term_id")}
    if reason is not None:
        params["reason"] = reason
    return await call(who, "DELETE", FINAL_MARKS, params=params, key=key)


async def history_of(call: As, who: str, student: str, subject: uuid.UUID) -> httpx.Response:
    params = {"student_id": str(call.world.person(student)), "subject_id": str(subject)}
    return await call(who, "GET", f"{FINAL_MARKS}/history", params=params)

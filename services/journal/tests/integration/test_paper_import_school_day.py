"""A paper entry's day is judged against the school's day, not the server's: a school far
east of the server may import entries made this morning."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from .client import As
from .world import build_school

URL = "/v1/journal/imports/paper-journal"
HEAD = "lesson_id;student_id;kind;value;work_type;late_minutes;reason;recorded_on\n"


async def test_an_entry_made_today_is_today_in_the_schools_time_zone(
    journal: Any, issuer: Any
) -> None:
    """UTC+14 is always a day or two ahead of UTC−12: an entry written on paper on the date it
    is in UTC+14 is in the future for a school in UTC−12, and today for a school in UTC+14."""
    w = await build_school(journal, date.today())
    call = As(journal, issuer, w)
    east = datetime.now(UTC).astimezone(ZoneInfo("Etc/GMT-14")).date()
    lesson = await w.lesson("5А", w.math, "math_5a", east)
    data = (HEAD + f"{lesson};{w.person('s1')};отметка;5;oral;;;{east.isoformat()}").encode()
    rules = (await call("director", "GET", "/v1/journal/settings")).json()
    for zone, status in (("Etc/GMT+12", 422), ("Etc/GMT-14", 200)):
        put = await call(
            "director", "PUT", "/v1/journal/settings", json={**rules, "time_zone": zone}
        )
        assert put.status_code == 200, put.text
        r = await call("math_5a", "POST", URL, content=data, content_type="text/csv")
        assert r.status_code == status, (zone, r.text)
        if status == 422:
            assert [e["code"] for e in r.json()["errors"]] == ["date_in_future"]

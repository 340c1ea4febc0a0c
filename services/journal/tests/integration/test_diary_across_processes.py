"""Two journal processes on one database: a mark saved through one shows in the diary week the
other has cached, without waiting for that cache's ttl (adapters/change_listener.py)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import date
from typing import Any

import pytest

from tabel_platform.waiting import eventually

from .client import As, mark
from .conftest import journal_service
from .world import build_school

TODAY = date.today()


@pytest.fixture
async def other_journal(
    journal_database: str, nats_server: Any, issuer: Any, tmp_path_factory: Any
) -> AsyncIterator[Any]:
    """A second journal process whose diary cache would hold a week for a minute."""
    async with journal_service(
        journal_database, nats_server, issuer, tmp_path_factory, diary_cache_ttl_s=60
    ) as svc:
        yield svc


def _values(week: dict[str, Any]) -> list[str]:
    return sorted(m["value"] for d in week["days"] for le in d["lessons"] for m in le["marks"])


async def test_a_mark_saved_through_one_process_shows_in_the_others_cached_week(
    journal: Any, other_journal: Any, issuer: Any
) -> None:
    w = await build_school(journal, TODAY)
    lesson = await w.lesson("5А", w.math, "math_5a", TODAY)
    here, there = As(journal, issuer, w), As(other_journal, issuer, w)
    path = f"/v1/journal/diary/{w.person('s1')}/week?on={TODAY}"
    assert _values((await there("parent1", "GET", path)).json()) == []  # now cached there

    body = {"marks": [mark(w.person("s1"), "5")]}
    saved = await here("math_5a", "PUT", f"/v1/journal/lessons/{lesson}/journal", json=body)
    assert saved.status_code == 200, saved.text

    async def week_there() -> list[str]:
        return _values((await there("parent1", "GET", path)).json())

    # Well within the other process's 60 s ttl: only the notification can void its entry.
    assert await eventually(week_there, lambda values: values == ["5"], timeout=20) == ["5"]

"""The host → school cache in front of roster: few calls, and no outage when roster blips."""

from __future__ import annotations

import asyncio
import uuid

import pytest

from tabel_platform.http.school_resolver import CachedSchoolResolver

SCHOOL = uuid.uuid4()


class Roster:
    def __init__(self) -> None:
        self.calls = 0
        self.down = False

    async def lookup(self, host: str) -> uuid.UUID | None:
        self.calls += 1
        await asyncio.sleep(0.01)
        if self.down:
            raise ConnectionError("roster down")
        return SCHOOL if host == "school1.example.ru" else None


async def test_concurrent_misses_share_one_call_and_hits_are_cached() -> None:
    roster = Roster()
    resolver = CachedSchoolResolver(roster.lookup)
    answers = await asyncio.gather(
        *(resolver.school_for_host("School1.Example.RU:443") for _ in range(20))
    )
    assert set(answers) == {SCHOOL}
    assert await resolver.school_for_host("school1.example.ru.") == SCHOOL
    assert roster.calls == 1


async def test_unknown_hosts_are_cached_briefly() -> None:
    roster = Roster()
    resolver = CachedSchoolResolver(roster.lookup, negative_ttl_s=0.05)
    assert await resolver.school_for_host("nowhere.example.ru") is None
    assert await resolver.school_for_host("nowhere.example.ru") is None
    assert roster.calls == 1
    await asyncio.sleep(0.06)
    await resolver.school_for_host("nowhere.example.ru")
    assert roster.calls == 2


async def test_a_stale_answer_is_served_while_roster_is_down() -> None:
    roster = Roster()
    resolver = CachedSchoolResolver(roster.lookup, ttl_s=0.01)
    assert await resolver.school_for_host("school1.example.ru") == SCHOOL
    await asyncio.sleep(0.02)
    roster.down = True
    assert await resolver.school_for_host("school1.example.ru") == SCHOOL
    with pytest.raises(ConnectionError):
        await resolver.school_for_host("other.example.ru")

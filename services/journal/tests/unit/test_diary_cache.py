"""The diary week cache: one read for concurrent misses, void after a write or the TTL."""

from __future__ import annotations

import asyncio
from datetime import date
from uuid import uuid4

import orjson
from prometheus_client import REGISTRY

from tabel_journal.adapters.write_watch import WriteWatch
from tabel_journal.service_layer.diary_cache import DiaryWeekCache

KEY = (uuid4(), uuid4(), uuid4(), date(2026, 11, 16))


class Reader:
    def __init__(self) -> None:
        self.reads = 0

    async def __call__(self) -> bytes:
        self.reads += 1
        version = self.reads
        await asyncio.sleep(0.01)
        return f'{{"version": {version}}}'.encode()


async def test_concurrent_misses_share_one_read_and_hits_need_none() -> None:
    cache, read = DiaryWeekCache(WriteWatch(), ttl_s=60), Reader()
    docs = await asyncio.gather(*(cache.load(KEY, read) for _ in range(20)))
    assert set(docs) == {b'{"version": 1}'} and read.reads == 1
    assert await cache.load(KEY, read) == b'{"version": 1}' and read.reads == 1


async def test_a_write_to_the_school_voids_it_and_another_school_does_not() -> None:
    watch = WriteWatch()
    cache, read = DiaryWeekCache(watch, ttl_s=60), Reader()
    await cache.load(KEY, read)
    watch.bump(str(uuid4()))
    assert await cache.load(KEY, read) == b'{"version": 1}'
    watch.bump(str(KEY[0]))
    assert await cache.load(KEY, read) == b'{"version": 2}'


async def test_a_read_overtaken_by_a_write_is_neither_joined_nor_kept() -> None:
    watch = WriteWatch()
    cache, read = DiaryWeekCache(watch, ttl_s=60), Reader()
    first = asyncio.create_task(cache.load(KEY, read))
    await asyncio.sleep(0)
    watch.bump(str(KEY[0]))  # committed while the first read is under way
    second = await cache.load(KEY, read)
    assert await first == b'{"version": 1}' and second == b'{"version": 2}'
    assert await cache.load(KEY, read) == b'{"version": 2}' and read.reads == 2


async def test_entries_expire_after_the_ttl_and_a_zero_ttl_caches_nothing() -> None:
    cache, read = DiaryWeekCache(WriteWatch(), ttl_s=0.02), Reader()
    await cache.load(KEY, read)
    await asyncio.sleep(0.03)
    assert await cache.load(KEY, read) == b'{"version": 2}'
    off, read_off = DiaryWeekCache(WriteWatch(), ttl_s=0), Reader()
    await off.load(KEY, read_off)
    await off.load(KEY, read_off)
    assert read_off.reads == 2


async def test_while_notifications_are_not_heard_entries_live_only_the_short_ttl() -> None:
    heard = True
    cache, read = (
        DiaryWeekCache(WriteWatch(), ttl_s=60, unheard_ttl_s=0.02, heard=lambda: heard),
        Reader(),
    )
    await cache.load(KEY, read)
    await asyncio.sleep(0.03)
    assert await cache.load(KEY, read) == b'{"version": 1}', "heard: the long ttl holds"
    heard = False  # the listener's connection is down: another process's write is not heard
    await asyncio.sleep(0.03)
    assert await cache.load(KEY, read) == b'{"version": 2}'


def week(*lessons: object) -> bytes:
    return orjson.dumps({"days": [{"lessons": [{"lesson_id": str(x)} for x in lessons]}]})


async def test_a_save_voids_the_weeks_showing_its_lesson_and_no_other() -> None:
    watch = WriteWatch()
    cache = DiaryWeekCache(watch, ttl_s=60)
    mine, theirs = uuid4(), uuid4()
    key_a, key_b = KEY, (KEY[0], uuid4(), uuid4(), KEY[3])

    async def read_a() -> bytes:
        return week(mine)

    async def read_b() -> bytes:
        return week(theirs)

    await cache.load(key_a, read_a)
    await cache.load(key_b, read_b)
    watch.bump_lessons([theirs])  # a teacher saved the other class's lesson
    assert cache.get(key_a) == week(mine)
    assert cache.get(key_b) is None


async def test_lookups_are_counted_for_ops() -> None:
    def count(result: str) -> float:
        return (
            REGISTRY.get_sample_value("tabel_journal_diary_cache_lookups_total", {"result": result})
            or 0.0
        )

    watch = WriteWatch()
    cache, read = DiaryWeekCache(watch, ttl_s=60), Reader()
    before = {r: count(r) for r in ("hit", "miss", "voided")}
    await cache.load(KEY, read)  # miss
    await cache.load(KEY, read)  # hit
    watch.bump(str(KEY[0]))
    await cache.load(KEY, read)  # voided
    assert {r: count(r) - before[r] for r in before} == {"hit": 1, "miss": 1, "voided": 1}

"""Waiting until the platform's events have settled: every outbox published and every durable
consumer caught up.

The demo seeds run one service after another and each later seed reads what the earlier
ones' events put in its projections (the journal marks schedule's lessons, reporting counts
the journal's marks). Seeding on half-applied projections would pick the wrong week or count
too little, so `tabel-dev up` waits for this between seeds.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Sequence
from dataclasses import dataclass

import nats
from sqlalchemy import text
from sqlalchemy.engine import make_url

from tabel_platform.db.database import Database

HAS_OUTBOX = text("SELECT to_regclass('outbox') IS NOT NULL")
UNPUBLISHED = text("SELECT count(*) FROM outbox WHERE published_at IS NULL")


@dataclass(frozen=True)
class Backlog:
    """What is still on its way: unpublished outbox rows per database, pending per consumer."""

    outboxes: dict[str, int]
    consumers: dict[str, int]

    @property
    def empty(self) -> bool:
        return not any(self.outboxes.values()) and not any(self.consumers.values())

    def __str__(self) -> str:
        waiting = {**self.outboxes, **self.consumers}
        return ", ".join(f"{name} {n}" for name, n in waiting.items() if n) or "nothing"


async def _outboxes(database_urls: Sequence[str]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for url in database_urls:
        db = Database(url, pool_size=1)
        try:
            # The outbox is a tenant table: its rows of every school, as the relay sees them.
            async with db.transaction(school_id=None, all_schools=True) as session:
                if (await session.execute(HAS_OUTBOX)).scalar():  # else: publishes nothing
                    unpublished = (await session.execute(UNPUBLISHED)).scalar_one()
                    counts[f"outbox of {make_url(url).database}"] = int(unpublished)
        finally:
            await db.dispose()
    return counts


async def _consumers(nats_url: str) -> dict[str, int]:
    nc = await nats.connect(nats_url, connect_timeout=5, max_reconnect_attempts=0)
    try:
        js = nc.jetstream()
        counts: dict[str, int] = {}
        for stream in await js.streams_info():
            for info in await js.consumers_info(str(stream.config.name)):
                pending = int(info.num_pending or 0) + int(info.num_ack_pending or 0)
                counts[f"{info.stream_name}/{info.name}"] = pending
        return counts
    finally:
        await nc.close()


async def backlog(database_urls: Sequence[str], nats_url: str) -> Backlog:
    return Backlog(await _outboxes(database_urls), await _consumers(nats_url))


async def wait_settled(
    database_urls: Sequence[str], nats_url: str, *, within: float = 120.0, quiet: float = 1.0
) -> Backlog:
    """Returns once nothing is on its way twice `quiet` seconds apart (a relay may be between
    marking a batch and the consumers seeing it), or with what is left after `within` seconds."""
    deadline = time.monotonic() + within
    seen_empty_at: float | None = None
    while True:
        left = await backlog(database_urls, nats_url)
        now = time.monotonic()
        if left.empty:
            if seen_empty_at is not None and now - seen_empty_at >= quiet:
                return left
            seen_empty_at = seen_empty_at or now
        else:
            seen_empty_at = None
        if now > deadline:
            return left
        await asyncio.sleep(0.25)

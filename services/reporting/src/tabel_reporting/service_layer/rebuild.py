"""Rebuilding the read models by replaying every source stream from its first event.

Run it on one replica (scale the others down first): another replica's consumer would
keep pulling from the durable consumer this deletes.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import text

from tabel_platform.logging import get_logger
from tabel_platform.runtime import Runtime
from tabel_reporting.adapters import read_models
from tabel_reporting.entrypoints.consumers import consumers_of

log = get_logger(__name__)
_LOCK_KEY = "rebuild_lock"


async def rebuild(*, runtime: Runtime) -> None:
    """Pause the consumers, forget their positions, empty the read models, start again."""
    lock: asyncio.Lock = runtime.extras.setdefault(_LOCK_KEY, asyncio.Lock())
    consumers = consumers_of(runtime)
    async with lock:
        for consumer in consumers:
            await consumer.pause()
        try:
            for consumer in consumers:
                await consumer.forget_position()
            async with runtime.db.transaction(school_id=None, all_schools=True) as session:
                await read_models.empty(session, [c.name for c in consumers])
        finally:
            for consumer in consumers:
                consumer.resume()
    log.info("reporting.rebuild_started", consumers=[c.name for c in consumers])


@dataclass(frozen=True)
class ConsumerLag:
    consumer: str
    source: str
    events_applied: int
    last_event_at: datetime | None
    pending: int | None  # None when NATS could not be asked


async def lag(*, runtime: Runtime) -> list[ConsumerLag]:
    """How far each projection is behind its stream (JetStream's count of unacked events)."""
    async with runtime.db.transaction(school_id=None, all_schools=True) as session:
        rows = (await session.execute(text("SELECT * FROM projection_state"))).all()
    applied = {r.consumer: r for r in rows}
    result = []
    for consumer in consumers_of(runtime):
        pending: int | None = None
        try:
            info = await runtime.nats.js.consumer_info(consumer.stream, consumer.name)
            pending = int(info.num_pending or 0) + int(info.num_ack_pending or 0)
        except Exception:  # NATS down, or the durable consumer not created yet
            pending = None
        row = applied.get(consumer.name)
        result.append(
            ConsumerLag(
                consumer=consumer.name,
                source=consumer.source,
                events_applied=int(row.events) if row else 0,
                last_event_at=row.last_event_at if row else None,
                pending=pending,
            )
        )
    return result

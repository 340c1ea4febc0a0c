"""Publishes the outbox to JetStream and marks what it sent.

Woken by the outbox trigger's NOTIFY at commit, with a slow poll as a fallback (a
notification is lost if the listener's connection was down). Rows are claimed with
FOR UPDATE SKIP LOCKED, so several replicas of a service can relay side by side.
Delivery is at least once: a crash after publishing but before marking re-publishes,
and the stream's de-duplication (Nats-Msg-Id = event id) and the consumers' inbox
absorb the repeat.
"""

from __future__ import annotations

import asyncio
import contextlib

import asyncpg
from sqlalchemy import text

from tabel_platform.db.database import Database
from tabel_platform.events.nats import NatsConnection
from tabel_platform.events.streams import ensure_stream
from tabel_platform.logging import get_logger
from tabel_platform.metrics import (
    outbox_backlog,
    outbox_oldest_age,
    outbox_publish_errors,
    outbox_published,
)

log = get_logger(__name__)

_CLAIM = text(
    "SELECT id, subject, envelope FROM outbox WHERE published_at IS NULL "
    "ORDER BY created_at, id LIMIT :limit FOR UPDATE SKIP LOCKED"
)
_MARK = text("UPDATE outbox SET published_at = clock_timestamp() WHERE id = ANY(:ids)")
_BACKLOG = text(
    "SELECT count(*), coalesce(extract(epoch FROM clock_timestamp() - min(created_at)), 0) "
    "FROM outbox WHERE published_at IS NULL"
)
_PRUNE = text(
    "DELETE FROM outbox WHERE published_at < clock_timestamp() - make_interval(days => :days)"
)


class OutboxRelay:
    def __init__(
        self,
        db: Database,
        nats: NatsConnection,
        *,
        service: str,
        batch_size: int = 200,
        poll_interval_s: float = 1.0,
        keep_published_days: int = 7,
    ) -> None:
        self._db = db
        self._nats = nats
        self._service = service
        self._batch = batch_size
        self._poll = poll_interval_s
        self._keep_days = keep_published_days
        self._wakeup = asyncio.Event()
        self._stopping = False
        self._listener: asyncpg.Connection | None = None

    async def run(self) -> None:
        await self._nats.wait_connected()
        await ensure_stream(self._nats.js, self._service)
        await self._listen()
        rounds = 0
        delay = 0.1
        while not self._stopping:
            try:
                sent = await self.publish_batch()
                delay = 0.1
            except Exception as exc:  # NATS or DB down: keep the rows, retry with backoff
                outbox_publish_errors.inc()
                log.warning("outbox.publish_failed", error=str(exc))
                await asyncio.sleep(delay)
                delay = min(delay * 2, 5.0)
                continue
            rounds += 1
            if rounds % 20 == 1:
                await self._report_backlog()
            if sent < self._batch:
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(self._wakeup.wait(), self._poll)
                self._wakeup.clear()

    async def publish_batch(self) -> int:
        """Publish up to one batch; returns how many events were sent.

        The batch's publishes are in flight together (one round trip for the lot instead of
        one per event); they are written to the connection in outbox order."""
        async with self._db.transaction(school_id=None, all_schools=True) as session:
            rows = (await session.execute(_CLAIM, {"limit": self._batch})).all()
            if not rows:
                return 0
            js = self._nats.js  # one context for the batch (each access builds a new one)
            acks = await asyncio.gather(
                *(
                    js.publish(
                        row.subject, row.envelope, timeout=5, headers={"Nats-Msg-Id": str(row.id)}
                    )
                    for row in rows
                ),
                return_exceptions=True,
            )
            sent = [
                row.id
                for row, ack in zip(rows, acks, strict=True)
                if not isinstance(ack, BaseException)
            ]
            # Mark what did go out even if some failed, so it is not resent.
            if sent:
                await session.execute(_MARK, {"ids": sent})
                outbox_published.inc(len(sent))
        failed = len(rows) - len(sent)
        if failed:
            raise ConnectionError(f"{failed} of {len(rows)} events not acknowledged by JetStream")
        return len(sent)

    async def _report_backlog(self) -> None:
        async with self._db.transaction(school_id=None, all_schools=True) as session:
            count, age = (await session.execute(_BACKLOG)).one()
            outbox_backlog.set(count)
            outbox_oldest_age.set(float(age))
            await session.execute(_PRUNE, {"days": self._keep_days})

    async def _listen(self) -> None:
        dsn = self._db.engine.url.set(drivername="postgresql").render_as_string(hide_password=False)
        try:
            self._listener = await asyncpg.connect(dsn)
            await self._listener.add_listener("tabel_outbox", self._notified)
        except Exception as exc:  # polling still delivers, only slower
            log.warning("outbox.listen_failed", error=str(exc))

    def _notified(self, *_: object) -> None:
        self._wakeup.set()

    async def stop(self) -> None:
        self._stopping = True
        self._wakeup.set()
        if self._listener is not None:
            with contextlib.suppress(Exception):
                await self._listener.close()

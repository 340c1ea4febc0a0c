"""Publishes the outbox to JetStream and marks what it sent.

Woken by the outbox trigger's NOTIFY at commit, with a slow poll as a fallback (a
notification is lost if the listener's connection was down). Rows are claimed with
FOR UPDATE SKIP LOCKED, so several replicas of a service can relay side by side.

The relay keeps one PostgreSQL connection of its own (asyncpg, outside the request pool),
which also listens for the NOTIFY: a cycle is BEGIN, one UPDATE … RETURNING that claims and
marks the batch, the publishes, COMMIT. A save and its relay cycle cost about the same
before; now the relay is a small share of it.
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

# Claims a batch and marks it sent in one statement; the transaction stays open while the
# batch is published, so a crash or a refused publish rolls the marks back (or unmarks).
_CLAIM_AND_MARK = """
UPDATE outbox o SET published_at = clock_timestamp()
  FROM (SELECT id FROM outbox WHERE published_at IS NULL ORDER BY created_at, id
         LIMIT $1 FOR UPDATE SKIP LOCKED) c
 WHERE o.id = c.id
RETURNING o.id, o.subject, o.envelope, o.created_at
"""
_UNMARK = "UPDATE outbox SET published_at = NULL WHERE id = ANY($1::uuid[])"
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
        self._conn: asyncpg.Connection | None = None

    async def run(self) -> None:
        await self._nats.wait_connected()
        await ensure_stream(self._nats.js, self._service)
        rounds = 0
        delay = 0.1
        while not self._stopping:
            try:
                sent = await self.publish_batch()
                delay = 0.1
            except Exception as exc:  # NATS or DB down: keep the rows, retry with backoff
                outbox_publish_errors.inc()
                log.warning("outbox.publish_failed", error=str(exc))
                await self._disconnect_if_broken()
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
        await self._connect()
        conn = self._conn
        assert conn is not None
        async with conn.transaction():
            rows = await conn.fetch(_CLAIM_AND_MARK, self._batch)
            if not rows:
                return 0
            rows.sort(key=lambda r: (r["created_at"], r["id"]))
            js = self._nats.js  # one context for the batch (each access builds a new one)
            acks = await asyncio.gather(
                *(
                    js.publish(
                        row["subject"],
                        row["envelope"],
                        timeout=5,
                        headers={"Nats-Msg-Id": str(row["id"])},
                    )
                    for row in rows
                ),
                return_exceptions=True,
            )
            failed = [
                row["id"]
                for row, ack in zip(rows, acks, strict=True)
                if isinstance(ack, BaseException)
            ]
            # What did go out stays marked even if some failed, so it is not resent.
            if failed:
                await conn.execute(_UNMARK, failed)
        outbox_published.inc(len(rows) - len(failed))
        if failed:
            raise ConnectionError(
                f"{len(failed)} of {len(rows)} events not acknowledged by JetStream"
            )
        return len(rows)

    async def _report_backlog(self) -> None:
        async with self._db.transaction(school_id=None, all_schools=True) as session:
            count, age = (await session.execute(_BACKLOG)).one()
            outbox_backlog.set(count)
            outbox_oldest_age.set(float(age))
            await session.execute(_PRUNE, {"days": self._keep_days})

    async def _connect(self) -> None:
        """The relay's own connection, listening for the outbox trigger's NOTIFY."""
        if self._conn is not None and not self._conn.is_closed():
            return
        dsn = self._db.engine.url.set(drivername="postgresql").render_as_string(hide_password=False)
        self._conn = await asyncpg.connect(dsn)
        await self._conn.add_listener("tabel_outbox", self._notified)
        self._wakeup.set()  # anything committed while we were not listening

    async def _disconnect_if_broken(self) -> None:
        if self._conn is not None and (self._conn.is_closed() or self._conn.is_in_transaction()):
            with contextlib.suppress(Exception):
                await self._conn.close()
            self._conn = None

    def _notified(self, *_: object) -> None:
        self._wakeup.set()

    async def stop(self) -> None:
        self._stopping = True
        self._wakeup.set()
        if self._conn is not None:
            with contextlib.suppress(Exception):
                await self._conn.close()

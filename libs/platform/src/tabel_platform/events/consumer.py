"""Idempotent event consumers: a durable JetStream pull consumer plus an inbox table.

Each event is handled in one transaction that also records its id in the inbox, so a
redelivery (after a crash, a lost ack, a replay) changes nothing. Handlers are chosen
by the payload's proto type; unknown types are recorded and skipped.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from typing import Any, TypeVar
from uuid import UUID

from google.protobuf.message import DecodeError, Message
from nats.aio.msg import Msg
from nats.errors import TimeoutError as NatsTimeout
from nats.js import JetStreamContext
from nats.js.api import AckPolicy, ConsumerConfig, DeliverPolicy
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from tabel.events.v1 import envelope_pb2
from tabel_platform.db.database import Database, set_tenant
from tabel_platform.events.envelope import event_time
from tabel_platform.events.nats import NatsConnection
from tabel_platform.events.streams import ensure_stream, stream_name
from tabel_platform.logging import get_logger
from tabel_platform.metrics import consumer_delay, consumer_events, consumer_pending

log = get_logger(__name__)
M = TypeVar("M", bound=Message)
Handler = Callable[[AsyncSession, Any, envelope_pb2.Envelope], Awaitable[None]]

_RECORD = text(
    "INSERT INTO inbox (consumer, event_id, event_type) VALUES (:c, :id, :t) "
    "ON CONFLICT DO NOTHING RETURNING event_id"
)
MAX_DELIVER = 20
BATCH = 256


class EventConsumer:
    """Consumes one producer's stream into this service's database."""

    def __init__(self, *, name: str, source_service: str, db: Database, nats: NatsConnection):
        self.name = f"{name}-from-{source_service}"
        self._source = source_service
        self._db = db
        self._nats = nats
        self._handlers: dict[str, tuple[type[Message], Handler]] = {}
        self._stopping = False

    def on(self, message_type: type[M]) -> Callable[[Handler], Handler]:
        def register(handler: Handler) -> Handler:
            self._handlers[message_type.DESCRIPTOR.full_name] = (message_type, handler)
            return handler

        return register

    async def run(self) -> None:
        sub = await self.subscribe()
        try:
            await self.pull(sub)
        finally:
            with contextlib.suppress(Exception):
                await sub.unsubscribe()

    async def subscribe(self) -> JetStreamContext.PullSubscription:
        await self._nats.wait_connected()
        js = self._nats.js
        # The producer may not have started yet; the stream's config is the same from both sides.
        await ensure_stream(js, self._source)
        return await js.pull_subscribe(
            f"tabel.{self._source}.>",
            durable=self.name,
            stream=stream_name(self._source),
            config=ConsumerConfig(
                ack_policy=AckPolicy.EXPLICIT,
                deliver_policy=DeliverPolicy.ALL,
                ack_wait=30,
                max_deliver=MAX_DELIVER,
            ),
        )

    async def pull(self, sub: JetStreamContext.PullSubscription) -> None:
        """Fetch and apply batches until `stop()`."""
        while not self._stopping:
            try:
                msgs = await sub.fetch(batch=BATCH, timeout=0.5)
            except (NatsTimeout, TimeoutError):
                continue
            except Exception as exc:  # disconnected: nats-py reconnects, we wait
                log.warning("consumer.fetch_failed", consumer=self.name, error=str(exc))
                await asyncio.sleep(0.5)
                continue
            await self.process_batch(msgs)

    async def process_batch(self, msgs: list[Msg]) -> None:
        """Apply a fetched batch in ONE transaction (one commit instead of one per event),
        each event in its own savepoint so a failing one is retried alone; ack after commit."""
        parsed: list[tuple[Msg, envelope_pb2.Envelope, UUID]] = []
        for msg in msgs:
            env = envelope_pb2.Envelope()
            try:
                env.ParseFromString(msg.data)
                parsed.append((msg, env, UUID(env.id)))
            except (DecodeError, ValueError):
                consumer_events.labels(self.name, "poison").inc()
                log.error("consumer.poison_message", consumer=self.name, subject=msg.subject)
                await msg.term()
        outcomes: list[str] = []
        try:
            async with self._db.transaction(school_id=None) as session:
                for _, env, event_id in parsed:
                    outcomes.append(await self._apply_in_savepoint(session, env, event_id))
        except Exception as exc:  # the commit itself failed (DB down): everything again later
            log.warning("consumer.batch_failed", consumer=self.name, error=str(exc))
            outcomes = ["failed"] * len(parsed)
        for (msg, env, _), outcome in zip(parsed, outcomes, strict=True):
            await self._settle(msg, env, outcome)

    async def _apply_in_savepoint(
        self, session: AsyncSession, env: envelope_pb2.Envelope, event_id: UUID
    ) -> str:
        school = UUID(env.school_id) if env.school_id else None
        try:
            async with session.begin_nested():
                await set_tenant(session, school_id=school, all_schools=school is None)
                return await self._apply(session, env, event_id)
        except Exception as exc:  # a bug or bad data: this event is retried, the rest commit
            log.exception(
                "consumer.handler_failed", consumer=self.name, type=env.type, error=str(exc)
            )
            return "failed"

    async def _settle(self, msg: Msg, env: envelope_pb2.Envelope, outcome: str) -> None:
        consumer_events.labels(self.name, outcome).inc()
        if outcome == "failed":
            delivered = msg.metadata.num_delivered or 1
            if delivered >= MAX_DELIVER:
                await msg.term()  # given up: visible in tabel_consumer_events_total{failed}
            else:
                await msg.nak(delay=min(0.5 * 2**delivered, 60))
            return
        await msg.ack()
        consumer_pending.labels(self.name).set(msg.metadata.num_pending or 0)
        consumer_delay.labels(self.name).observe(
            max((datetime.now(UTC) - event_time(env)).total_seconds(), 0.0)
        )

    async def handle(self, env: envelope_pb2.Envelope, event_id: UUID) -> str:
        """Apply one event exactly once in its own transaction (tests, tools)."""
        school = UUID(env.school_id) if env.school_id else None
        async with self._db.transaction(school_id=school, all_schools=school is None) as session:
            return await self._apply(session, env, event_id)

    async def _apply(
        self, session: AsyncSession, env: envelope_pb2.Envelope, event_id: UUID
    ) -> str:
        """Record the event in the inbox and run its handler; "handled", "duplicate" or
        "skipped" (a type this consumer does not handle)."""
        first = (
            await session.execute(_RECORD, {"c": self.name, "id": event_id, "t": env.type})
        ).first()
        if first is None:
            return "duplicate"
        entry = self._handlers.get(env.payload.TypeName())
        if entry is None:
            return "skipped"
        message_type, handler = entry
        payload = message_type()
        env.payload.Unpack(payload)
        await handler(session, payload, env)
        return "handled"

    def stop(self) -> None:
        self._stopping = True

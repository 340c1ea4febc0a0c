"""Idempotent event consumers: a durable JetStream pull consumer plus an inbox table.

Each event is handled in one transaction that also records its id in the inbox, so a
redelivery (after a crash, a lost ack, a replay) changes nothing. Handlers are chosen
by the payload's proto type; unknown types are recorded and skipped.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from typing import Any, TypeVar
from uuid import UUID

from google.protobuf.message import DecodeError, Message
from nats.aio.msg import Msg
from nats.errors import TimeoutError as NatsTimeout
from nats.js.api import AckPolicy, ConsumerConfig, DeliverPolicy
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from tabel.events.v1 import envelope_pb2
from tabel_platform.db.database import Database
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
        await self._nats.wait_connected()
        js = self._nats.js
        # The producer may not have started yet; the stream's config is the same from both sides.
        await ensure_stream(js, self._source)
        sub = await js.pull_subscribe(
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
        while not self._stopping:
            try:
                msgs = await sub.fetch(batch=64, timeout=1)
            except (NatsTimeout, TimeoutError):
                continue
            except Exception as exc:  # disconnected: nats-py reconnects, we wait
                log.warning("consumer.fetch_failed", consumer=self.name, error=str(exc))
                await asyncio.sleep(0.5)
                continue
            for msg in msgs:
                await self._process(msg)

    async def _process(self, msg: Msg) -> None:
        env = envelope_pb2.Envelope()
        try:
            env.ParseFromString(msg.data)
            event_id = UUID(env.id)
        except (DecodeError, ValueError):
            consumer_events.labels(self.name, "poison").inc()
            log.error("consumer.poison_message", consumer=self.name, subject=msg.subject)
            await msg.term()
            return
        try:
            outcome = await self.handle(env, event_id)
        except Exception as exc:  # a bug or an outage: retry later, then give up loudly
            consumer_events.labels(self.name, "failed").inc()
            delivered = msg.metadata.num_delivered or 1
            log.exception(
                "consumer.handler_failed", consumer=self.name, type=env.type, error=str(exc)
            )
            if delivered >= MAX_DELIVER:
                await msg.term()
            else:
                await msg.nak(delay=min(0.5 * 2**delivered, 60))
            return
        await msg.ack()
        consumer_events.labels(self.name, outcome).inc()
        consumer_pending.labels(self.name).set(msg.metadata.num_pending or 0)
        consumer_delay.labels(self.name).observe(
            max((datetime.now(UTC) - event_time(env)).total_seconds(), 0.0)
        )

    async def handle(self, env: envelope_pb2.Envelope, event_id: UUID) -> str:
        """Apply one event exactly once; returns "handled", "duplicate" or "skipped"."""
        school = UUID(env.school_id) if env.school_id else None
        async with self._db.transaction(school_id=school, all_schools=school is None) as session:
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

"""What reporting consumes: one consumer per producing service's stream.

Each handler applies its event to the read models; every event also advances the
consumer's progress (`projection_state`) and, when a person caused it, their monthly
activity. All of it happens in the inbox transaction, so each event counts once.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from google.protobuf.message import Message
from sqlalchemy.ext.asyncio import AsyncSession

from tabel.events.v1 import envelope_pb2
from tabel_platform.events.envelope import event_time
from tabel_platform.runtime import Runtime
from tabel_reporting.adapters import bookkeeping
from tabel_reporting.adapters.proto_values import uuid_or_none
from tabel_reporting.adapters.replayable_consumer import ReplayableConsumer
from tabel_reporting.entrypoints import (
    consumers_identity,
    consumers_journal,
    consumers_roster,
    consumers_schedule,
)

Apply = Callable[[AsyncSession, Any, envelope_pb2.Envelope], Awaitable[None]]
SOURCES = {
    "roster": consumers_roster.HANDLERS,
    "schedule": consumers_schedule.HANDLERS,
    "journal": consumers_journal.HANDLERS,
    "identity": consumers_identity.HANDLERS,
}
# Event types that are a person's work in the journal (for the user activity report).
ACTIVITY_SOURCES = frozenset({"journal", "schedule", "roster"})


def _wrap(consumer_name: str, source: str, apply: Apply) -> Apply:
    async def handler(session: AsyncSession, payload: Message, env: envelope_pb2.Envelope) -> None:
        at = event_time(env)
        await apply(session, payload, env)
        await bookkeeping.count_event(session, consumer_name, at)
        person, school = uuid_or_none(env.actor.person_id), uuid_or_none(env.school_id)
        if source in ACTIVITY_SOURCES and person and school:
            action = ".".join(env.type.split(".")[2:4])  # "mark.recorded"
            actions = consumers_journal.actions_in(payload) or {action: 1}
            for name, n in actions.items():
                await bookkeeping.count_activity(
                    session, school_id=school, person_id=person, action=name, at=at, n=n
                )

    return handler


def build_consumers(runtime: Runtime) -> list[ReplayableConsumer]:
    consumers = []
    for source, handlers in SOURCES.items():
        consumer = ReplayableConsumer(
            name="reporting", source_service=source, db=runtime.db, nats=runtime.nats
        )
        for message_type, apply in handlers.items():
            consumer.on(message_type)(_wrap(consumer.name, source, apply))
        consumers.append(consumer)
    runtime.extras["consumers"] = consumers
    return consumers


def consumers_of(runtime: Runtime) -> list[ReplayableConsumer]:
    found: list[ReplayableConsumer] = runtime.extras.get("consumers", [])
    return found

"""What identity consumes: roster's schools (to onboard them)."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from tabel.events.v1 import envelope_pb2
from tabel.roster.v1 import events_pb2 as roster_events
from tabel_identity.adapters import schools_projection
from tabel_platform.events.consumer import EventConsumer
from tabel_platform.events.envelope import event_time
from tabel_platform.runtime import Runtime


def roster_consumer(runtime: Runtime) -> EventConsumer:
    consumer = EventConsumer(
        name="identity", source_service="roster", db=runtime.db, nats=runtime.nats
    )

    @consumer.on(roster_events.SchoolCreated)
    async def school_created(
        session: AsyncSession, event: roster_events.SchoolCreated, env: envelope_pb2.Envelope
    ) -> None:
        await schools_projection.upsert(session, event.school, event_time(env))

    @consumer.on(roster_events.SchoolUpdated)
    async def school_updated(
        session: AsyncSession, event: roster_events.SchoolUpdated, env: envelope_pb2.Envelope
    ) -> None:
        await schools_projection.upsert(session, event.school, event_time(env))

    return consumer

"""Feeding real events to reporting in tests and benchmarks: envelopes built the way the
producers build them, published to JetStream with `Nats-Msg-Id`, as the outbox relay does.

    async with EventPublisher(nats_url) as pub:
        await pub.publish(roster_events.SchoolCreated(school=...), school_id=...)
"""

from __future__ import annotations

from datetime import date
from types import TracebackType
from typing import Any, Self
from uuid import UUID

import nats
from google.protobuf.message import Message
from nats.aio.client import Client
from sqlalchemy import text

from tabel.common.v1 import types_pb2
from tabel.events.v1 import envelope_pb2
from tabel_platform.events.envelope import Actor, make_envelope, subject_of
from tabel_platform.events.streams import ensure_stream
from tabel_platform.testing import ServiceHandle
from tabel_platform.waiting import eventually
from tabel_reporting.adapters.read_models import canonical_dump


def pb_date(day: date) -> types_pb2.Date:
    return types_pb2.Date(year=day.year, month=day.month, day=day.day)


class EventPublisher:
    def __init__(self, url: str) -> None:
        self.url = url
        self._nc: Client | None = None
        self.published: list[envelope_pb2.Envelope] = []

    async def __aenter__(self) -> Self:
        self._nc = await nats.connect(self.url)
        return self

    async def __aexit__(
        self, et: type[BaseException] | None, e: BaseException | None, tb: TracebackType | None
    ) -> None:
        if self._nc is not None:
            await self._nc.drain()

    async def publish(
        self, payload: Message, *, school_id: UUID | None, person_id: UUID | None = None
    ) -> envelope_pb2.Envelope:
        subject = subject_of(payload)
        source = subject.split(".")[1]
        actor = (
            Actor(kind="user", subject=f"user-{person_id}", person_id=str(person_id))
            if person_id
            else Actor.system()
        )
        env = make_envelope(subject, payload, source=source, school_id=school_id, actor=actor)
        await self.send(env)
        return env

    async def send(self, env: envelope_pb2.Envelope) -> None:
        """Publish a built envelope (again, to test de-duplication and redelivery)."""
        assert self._nc is not None, "use `async with EventPublisher(...)`"
        js = self._nc.jetstream()
        await ensure_stream(js, env.source)
        await js.publish(env.type, env.SerializeToString(), headers={"Nats-Msg-Id": env.id})
        self.published.append(env)


async def applied(handle: ServiceHandle) -> int:
    """Events the running reporting has taken in (its inbox)."""
    async with handle.runtime.db.transaction(school_id=None, all_schools=True) as session:
        return int((await session.execute(text("SELECT count(*) FROM inbox"))).scalar_one())


async def wait_applied(handle: ServiceHandle, count: int, within_s: float = 30) -> None:
    await eventually(lambda: applied(handle), lambda n: n >= count, timeout=within_s)


async def dump(handle: ServiceHandle) -> dict[str, list[tuple[Any, ...]]]:
    async with handle.runtime.db.transaction(school_id=None, all_schools=True) as session:
        return await canonical_dump(session)

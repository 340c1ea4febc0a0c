"""Test support: publishing other services' events to NATS as they would, and reading back
what schedule committed (its outbox) or stored."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from google.protobuf.message import Message
from sqlalchemy import text

from tabel.events.v1 import envelope_pb2
from tabel_platform.events.envelope import Actor, make_envelope, subject_of
from tabel_platform.events.streams import ensure_stream


async def publish(runtime: Any, source: str, payload: Message, school_id: UUID) -> None:
    env = make_envelope(
        subject_of(payload), payload, source=source, school_id=school_id, actor=Actor.system()
    )
    await runtime.nats.wait_connected()
    js = runtime.nats.js
    await ensure_stream(js, source)
    await js.publish(env.type, env.SerializeToString(), headers={"Nats-Msg-Id": env.id})


async def scalar(runtime: Any, sql: str, **params: Any) -> Any:
    async with runtime.db.transaction(school_id=None, all_schools=True) as session:
        return (await session.execute(text(sql), params)).scalar_one()


async def events(runtime: Any, school_id: UUID, message_type: type[Message]) -> list[Any]:
    """Payloads of one type schedule committed for a school, oldest first (from its outbox)."""
    subject = subject_of(message_type())
    async with runtime.db.transaction(school_id=None, all_schools=True) as session:
        rows = await session.execute(
            text(
                "SELECT envelope FROM outbox WHERE school_id = :s AND subject = :t "
                "ORDER BY created_at, id"
            ),
            {"s": school_id, "t": subject},
        )
        out = []
        for (raw,) in rows:
            env = envelope_pb2.Envelope.FromString(raw)
            payload = message_type()
            env.payload.Unpack(payload)
            out.append(payload)
        return out

"""The envelope every event travels in (``tabel.events.v1.Envelope``, payload packed in Any).

Subjects follow ``tabel.<service>.<aggregate>.<event>.v1``; the event id doubles as the
JetStream message id, so a re-published event is dropped by the stream's de-duplication.
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from uuid import UUID

from google.protobuf.message import Message

from tabel.events.v1 import envelope_pb2, options_pb2

SUBJECT = re.compile(r"^tabel\.[a-z]+\.[a-z_]+\.[a-z_]+\.v[0-9]+$")


@dataclass(frozen=True)
class Actor:
    """Who caused an event: a person's account, a service, or the platform itself."""

    kind: str  # "user" | "service" | "system"
    subject: str = ""
    person_id: str = ""

    @classmethod
    def system(cls) -> Actor:
        return cls(kind="system")

    def to_proto(self) -> envelope_pb2.Actor:
        return envelope_pb2.Actor(subject=self.subject, person_id=self.person_id, kind=self.kind)


def subject_of(payload: Message) -> str:
    """The subject an event payload declares with the `(tabel.events.v1.subject)` option."""
    subject = str(payload.DESCRIPTOR.GetOptions().Extensions[options_pb2.subject])
    if not subject:
        raise ValueError(f"{payload.DESCRIPTOR.full_name} is not an event (no subject option)")
    return subject


def make_envelope(
    event_type: str,
    payload: Message,
    *,
    source: str,
    school_id: UUID | None,
    actor: Actor,
    correlation_id: str = "",
) -> envelope_pb2.Envelope:
    if not SUBJECT.match(event_type):
        raise ValueError(
            f"event type {event_type!r} is not tabel.<service>.<aggregate>.<event>.v<N>"
        )
    env = envelope_pb2.Envelope(
        id=str(uuid.uuid4()),
        type=event_type,
        source=source,
        school_id=str(school_id) if school_id else "",
        actor=actor.to_proto(),
        correlation_id=correlation_id,
    )
    env.time.FromDatetime(datetime.now(UTC))
    env.payload.Pack(payload)
    return env


def event_time(env: envelope_pb2.Envelope) -> datetime:
    return env.time.ToDatetime(tzinfo=UTC)


def payload_name(env: envelope_pb2.Envelope) -> str:
    """Full proto name of the payload, e.g. ``tabel.roster.v1.SchoolCreated``."""
    return str(env.payload.TypeName())

"""Writing to the outbox table inside the caller's transaction."""

from __future__ import annotations

from uuid import UUID

from sqlalchemy import Column, DateTime, LargeBinary, MetaData, Table, Text, Uuid, insert
from sqlalchemy.ext.asyncio import AsyncSession

from tabel.events.v1 import envelope_pb2

metadata = MetaData()

outbox = Table(
    "outbox",
    metadata,
    Column("id", Uuid, primary_key=True),
    Column("subject", Text, nullable=False),
    Column("school_id", Uuid),
    Column("envelope", LargeBinary, nullable=False),
    Column("created_at", DateTime(timezone=True)),
    Column("published_at", DateTime(timezone=True)),
)

inbox = Table(
    "inbox",
    metadata,
    Column("consumer", Text, primary_key=True),
    Column("event_id", Uuid, primary_key=True),
    Column("event_type", Text, nullable=False),
    Column("processed_at", DateTime(timezone=True)),
)


def add_to_outbox(session: AsyncSession, envelope: envelope_pb2.Envelope) -> None:
    """Queue the insert on the session; it is flushed and committed with the change."""
    session.sync_session.info.setdefault("tabel_outbox", []).append(envelope)


async def flush_outbox(session: AsyncSession) -> None:
    """Insert the queued envelopes in one statement (called just before commit)."""
    pending: list[envelope_pb2.Envelope] = session.sync_session.info.pop("tabel_outbox", [])
    if not pending:
        return
    await session.execute(
        insert(outbox),
        [
            {
                "id": UUID(e.id),
                "subject": e.type,
                "school_id": UUID(e.school_id) if e.school_id else None,
                "envelope": e.SerializeToString(),
            }
            for e in pending
        ],
    )

"""Identity's role grants, taken into schedule's `grants` projection (access decides from it)."""

from __future__ import annotations

from datetime import UTC, datetime
from uuid import UUID

from google.protobuf.timestamp_pb2 import Timestamp
from sqlalchemy import delete
from sqlalchemy.ext.asyncio import AsyncSession

from tabel.events.v1 import envelope_pb2
from tabel.identity.v1 import events_pb2 as identity
from tabel.identity.v1 import grants_pb2
from tabel_platform.events.consumer import EventConsumer
from tabel_platform.runtime import Runtime
from tabel_schedule.adapters.projection_tables import grants
from tabel_schedule.adapters.projections_repo import upsert

Env = envelope_pb2.Envelope


def role_code(role: grants_pb2.Role.ValueType) -> str:
    """ROLE_DEPUTY_DIRECTOR -> "deputy_director", as identity names roles everywhere."""
    return grants_pb2.Role.Name(role).removeprefix("ROLE_").lower()


def scope_code(kind: grants_pb2.ScopeKind.ValueType) -> str:
    return grants_pb2.ScopeKind.Name(kind).removeprefix("SCOPE_KIND_").lower()


def _moment(value: Timestamp) -> datetime:
    return value.ToDatetime(tzinfo=UTC)


def identity_consumer(runtime: Runtime) -> EventConsumer:
    consumer = EventConsumer(
        name="schedule", source_service="identity", db=runtime.db, nats=runtime.nats
    )

    @consumer.on(identity.GrantAdded)
    async def grant_added(s: AsyncSession, e: identity.GrantAdded, _: Env) -> None:
        g = e.grant
        if not g.school_id or not g.person_id:
            return  # region- and municipality-wide grants open no school's timetable
        await upsert(
            s,
            grants,
            id=UUID(g.id),
            school_id=UUID(g.school_id),
            person_id=UUID(g.person_id),
            role=role_code(g.role),
            scope_kind=scope_code(g.scope.kind) if g.scope.id else "",
            scope_id=UUID(g.scope.id) if g.scope.id else None,
            expires_at=_moment(g.expires_at) if g.HasField("expires_at") else None,
        )

    @consumer.on(identity.GrantRevoked)
    async def grant_revoked(s: AsyncSession, e: identity.GrantRevoked, _: Env) -> None:
        if e.grant.school_id:
            await s.execute(delete(grants).where(grants.c.id == UUID(e.grant.id)))

    return consumer

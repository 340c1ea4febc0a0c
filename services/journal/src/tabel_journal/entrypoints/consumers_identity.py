"""Grants from identity's events into the journal's projection (who holds which role where)."""

from __future__ import annotations

from uuid import UUID

from sqlalchemy.ext.asyncio import AsyncSession

from tabel.events.v1 import envelope_pb2
from tabel.identity.v1 import events_pb2 as identity_events
from tabel.identity.v1 import grants_pb2
from tabel_journal.adapters import projections as p
from tabel_journal.adapters.convert import moment, uid
from tabel_platform.events.consumer import EventConsumer
from tabel_platform.runtime import Runtime

Env = envelope_pb2.Envelope


def role_code(role: int) -> str:
    return grants_pb2.Role.Name(role).removeprefix("ROLE_").lower()  # type: ignore[arg-type]


def scope_code(kind: int) -> str:
    return grants_pb2.ScopeKind.Name(kind).removeprefix("SCOPE_KIND_").lower()  # type: ignore[arg-type]


def identity_consumer(runtime: Runtime) -> EventConsumer:
    c = EventConsumer(name="journal", source_service="identity", db=runtime.db, nats=runtime.nats)

    @c.on(identity_events.GrantAdded)
    async def grant_added(s: AsyncSession, e: identity_events.GrantAdded, env: Env) -> None:
        g = e.grant
        if not g.school_id or not g.person_id:
            return  # region- and municipality-wide grants give nothing in a school's journal
        await p.upsert(
            s,
            "grants",
            ("school_id", "grant_id"),
            {
                "school_id": UUID(g.school_id),
                "grant_id": UUID(g.id),
                "person_id": UUID(g.person_id),
                "role": role_code(g.role),
                "scope_kind": scope_code(g.scope.kind) if g.scope.id else "",
                "scope_id": uid(g.scope.id),
                "expires_at": moment(g.expires_at),
            },
        )

    @c.on(identity_events.GrantRevoked)
    async def grant_revoked(s: AsyncSession, e: identity_events.GrantRevoked, env: Env) -> None:
        if e.grant.school_id:
            await p.delete(
                s, "grants", {"school_id": UUID(e.grant.school_id), "grant_id": UUID(e.grant.id)}
            )

    return c

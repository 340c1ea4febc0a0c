"""Grants and rights from identity's events into the journal's projections (who holds which
role where, and what a role or a person may do in the school)."""

from __future__ import annotations

from uuid import UUID

from sqlalchemy.ext.asyncio import AsyncSession

from tabel.events.v1 import envelope_pb2
from tabel.identity.v1 import events_pb2 as identity_events
from tabel.identity.v1 import grants_pb2
from tabel_journal.adapters import projections as p
from tabel_journal.adapters.convert import moment, uid
from tabel_journal.domain.rights import ours
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

    @c.on(identity_events.RoleRightsChanged)
    async def role_rights(s: AsyncSession, e: identity_events.RoleRightsChanged, env: Env) -> None:
        row = {
            "school_id": UUID(e.school_id),
            "role": role_code(e.role),
            "permissions": ours(e.effective),
        }
        await p.upsert(s, "role_rights", ("school_id", "role"), row)

    @c.on(identity_events.PersonRightsChanged)
    async def person_rights(
        s: AsyncSession, e: identity_events.PersonRightsChanged, env: Env
    ) -> None:
        if not e.person_id:
            return  # an account without a person has no journal to read or write
        row = {
            "school_id": UUID(e.school_id),
            "person_id": UUID(e.person_id),
            "added": ours(e.added),
            "removed": ours(e.removed),
        }
        await p.upsert(s, "person_rights", ("school_id", "person_id"), row)

    return c

"""Roster's projections of other services' events: identity's grants and rights (who may do
what here) and schedule's academic years and terms (OneRoster academicSessions)."""

from __future__ import annotations

from uuid import UUID

from sqlalchemy.ext.asyncio import AsyncSession

from tabel.events.v1 import envelope_pb2
from tabel.identity.v1 import events_pb2 as identity_events
from tabel.identity.v1 import grants_pb2
from tabel.schedule.v1 import events_pb2 as schedule_events
from tabel_platform.events.consumer import EventConsumer
from tabel_platform.runtime import Runtime
from tabel_roster.adapters import grants_repo, terms_repo
from tabel_roster.adapters.proto_values import day, moment, uid

Env = envelope_pb2.Envelope


def role_code(role: int) -> str:
    return grants_pb2.Role.Name(role).removeprefix("ROLE_").lower()  # type: ignore[arg-type]


def scope_code(kind: int) -> str:
    return grants_pb2.ScopeKind.Name(kind).removeprefix("SCOPE_KIND_").lower()  # type: ignore[arg-type]


def identity_consumer(runtime: Runtime) -> EventConsumer:
    c = EventConsumer(name="roster", source_service="identity", db=runtime.db, nats=runtime.nats)

    @c.on(identity_events.GrantAdded)
    async def grant_added(s: AsyncSession, e: identity_events.GrantAdded, env: Env) -> None:
        g = e.grant
        if not g.school_id:
            return  # region-wide roles stay token roles in roster
        await grants_repo.put_grant(
            s,
            {
                "grant_id": UUID(g.id),
                "school_id": UUID(g.school_id),
                "subject": g.subject or g.account_id,
                "account_id": UUID(g.account_id),
                "person_id": uid(g.person_id),
                "role": role_code(g.role),
                "scope_kind": scope_code(g.scope.kind) if g.scope.id else "",
                "scope_id": uid(g.scope.id),
                "expires_at": moment(g.expires_at),
            },
        )

    @c.on(identity_events.GrantRevoked)
    async def grant_revoked(s: AsyncSession, e: identity_events.GrantRevoked, env: Env) -> None:
        if e.grant.school_id:
            await grants_repo.drop_grant(s, UUID(e.grant.id))

    @c.on(identity_events.RoleRightsChanged)
    async def role_rights(s: AsyncSession, e: identity_events.RoleRightsChanged, env: Env) -> None:
        await grants_repo.put_role_rights(
            s, UUID(e.school_id), role_code(e.role), sorted(e.effective)
        )

    @c.on(identity_events.PersonRightsChanged)
    async def person_rights(
        s: AsyncSession, e: identity_events.PersonRightsChanged, env: Env
    ) -> None:
        await grants_repo.put_person_rights(
            s,
            {
                "school_id": UUID(e.school_id),
                "subject": e.subject or e.account_id,
                "person_id": uid(e.person_id),
                "added": sorted(e.added),
                "removed": sorted(e.removed),
            },
        )

    return c


def schedule_consumer(runtime: Runtime) -> EventConsumer:
    c = EventConsumer(name="roster", source_service="schedule", db=runtime.db, nats=runtime.nats)

    @c.on(schedule_events.AcademicYearCreated)
    async def year_created(
        s: AsyncSession, e: schedule_events.AcademicYearCreated, env: Env
    ) -> None:
        y = e.academic_year
        starts, ends = day(y.starts_on), day(y.ends_on)
        if starts is None or ends is None:
            raise ValueError("an academic year without dates")
        await terms_repo.put_year(
            s,
            {
                "id": UUID(y.id),
                "school_id": UUID(y.school_id),
                "start_year": y.start_year,
                "name": y.name,
                "starts_on": starts,
                "ends_on": ends,
            },
        )
        for t in e.terms:
            await terms_repo.put_term(s, terms_repo.term_values(t))

    @c.on(schedule_events.TermClosed)
    async def term_closed(s: AsyncSession, e: schedule_events.TermClosed, env: Env) -> None:
        await terms_repo.put_term(s, {**terms_repo.term_values(e.term), "closed": True})

    return c


def all_consumers(runtime: Runtime) -> list[EventConsumer]:
    return [identity_consumer(runtime), schedule_consumer(runtime)]

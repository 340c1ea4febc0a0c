"""What identity consumes from roster: schools (to onboard them), people, classes,
memberships and guardianships (to invite people, print letters, decide relational grants)."""

from __future__ import annotations

from uuid import UUID

from sqlalchemy.ext.asyncio import AsyncSession

from tabel.events.v1 import envelope_pb2
from tabel.roster.v1 import events_pb2 as roster_events
from tabel.roster.v1 import people_pb2
from tabel_identity.adapters import people_projection as pp
from tabel_identity.adapters import schools_projection
from tabel_identity.adapters.tables import classes, guardianships, memberships, people
from tabel_platform.events.consumer import EventConsumer
from tabel_platform.events.envelope import event_time
from tabel_platform.runtime import Runtime

Env = envelope_pb2.Envelope


def _kind(kind: int) -> str:
    return people_pb2.PersonKind.Name(kind).removeprefix("PERSON_KIND_").lower()  # type: ignore[arg-type]


def roster_consumer(runtime: Runtime) -> EventConsumer:
    consumer = EventConsumer(
        name="identity", source_service="roster", db=runtime.db, nats=runtime.nats
    )

    @consumer.on(roster_events.SchoolCreated)
    async def school_created(s: AsyncSession, e: roster_events.SchoolCreated, env: Env) -> None:
        await schools_projection.upsert(s, e.school, event_time(env))

    @consumer.on(roster_events.SchoolUpdated)
    async def school_updated(s: AsyncSession, e: roster_events.SchoolUpdated, env: Env) -> None:
        await schools_projection.upsert(s, e.school, event_time(env))

    async def person(
        s: AsyncSession, e: roster_events.PersonCreated | roster_events.PersonUpdated, env: Env
    ) -> None:
        p = e.person
        await pp.upsert(s, people, {
            "school_id": UUID(p.school_id), "person_id": UUID(p.id),
            "last_name": p.name.last_name, "first_name": p.name.first_name,
            "middle_name": p.name.middle_name, "kinds": sorted(_kind(k) for k in p.kinds),
            "email": p.email,
        })  # fmt: skip

    consumer.on(roster_events.PersonCreated)(person)
    consumer.on(roster_events.PersonUpdated)(person)

    @consumer.on(roster_events.ClassCreated)
    async def class_created(s: AsyncSession, e: roster_events.ClassCreated, env: Env) -> None:
        k = e.school_class
        await pp.upsert(
            s, classes, {"school_id": UUID(k.school_id), "class_id": UUID(k.id), "name": k.name}
        )

    async def membership(
        s: AsyncSession,
        e: roster_events.MembershipStarted | roster_events.MembershipEnded,
        env: Env,
    ) -> None:
        m = e.membership
        await pp.upsert(s, memberships, {
            "school_id": UUID(m.school_id), "membership_id": UUID(m.id),
            "person_id": UUID(m.person_id), "unit_id": UUID(m.class_id or m.study_group_id),
            "ended": isinstance(e, roster_events.MembershipEnded),
        })  # fmt: skip

    consumer.on(roster_events.MembershipStarted)(membership)
    consumer.on(roster_events.MembershipEnded)(membership)

    async def guardianship(
        s: AsyncSession,
        e: roster_events.GuardianshipAdded | roster_events.GuardianshipRemoved,
        env: Env,
    ) -> None:
        g = e.guardianship
        await pp.upsert(s, guardianships, {
            "school_id": UUID(g.school_id), "guardianship_id": UUID(g.id),
            "guardian_id": UUID(g.guardian_id), "student_id": UUID(g.student_id),
            "removed": isinstance(e, roster_events.GuardianshipRemoved),
        })  # fmt: skip

    consumer.on(roster_events.GuardianshipAdded)(guardianship)
    consumer.on(roster_events.GuardianshipRemoved)(guardianship)
    return consumer

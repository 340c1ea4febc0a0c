"""People, classes, memberships, guardianships and class teachers from roster's events into
the journal's projection."""

from __future__ import annotations

from uuid import UUID

from sqlalchemy.ext.asyncio import AsyncSession

from tabel.events.v1 import envelope_pb2
from tabel.roster.v1 import events_pb2 as roster_events
from tabel_journal.adapters import projections as p
from tabel_journal.adapters.convert import day, uid
from tabel_platform.events.consumer import EventConsumer
from tabel_platform.runtime import Runtime

Env = envelope_pb2.Envelope


def roster_consumer(runtime: Runtime) -> EventConsumer:
    c = EventConsumer(name="journal", source_service="roster", db=runtime.db, nats=runtime.nats)

    async def person(
        s: AsyncSession, e: roster_events.PersonCreated | roster_events.PersonUpdated, env: Env
    ) -> None:
        n = e.person.name
        await p.upsert(
            s,
            "people",
            ("school_id", "person_id"),
            {
                "school_id": UUID(e.person.school_id),
                "person_id": UUID(e.person.id),
                "last_name": n.last_name,
                "first_name": n.first_name,
                "middle_name": n.middle_name,
            },
        )

    c.on(roster_events.PersonCreated)(person)
    c.on(roster_events.PersonUpdated)(person)

    @c.on(roster_events.ClassCreated)
    async def class_created(s: AsyncSession, e: roster_events.ClassCreated, env: Env) -> None:
        k = e.school_class
        await p.upsert(
            s,
            "classes",
            ("school_id", "class_id"),
            {
                "school_id": UUID(k.school_id),
                "class_id": UUID(k.id),
                "name": k.name,
                "grade_level": k.grade_level,
            },
        )
        if k.class_teacher_id:
            await p.upsert(
                s,
                "class_teachers",
                ("school_id", "class_id"),
                {
                    "school_id": UUID(k.school_id),
                    "class_id": UUID(k.id),
                    "teacher_id": UUID(k.class_teacher_id),
                },
            )

    async def membership(
        s: AsyncSession,
        e: roster_events.MembershipStarted | roster_events.MembershipEnded,
        env: Env,
    ) -> None:
        m = e.membership
        await p.upsert(
            s,
            "memberships",
            ("school_id", "membership_id"),
            {
                "school_id": UUID(m.school_id),
                "membership_id": UUID(m.id),
                "person_id": UUID(m.person_id),
                "class_id": uid(m.class_id),
                "study_group_id": uid(m.study_group_id),
                "starts_on": day(m.starts_on),
                "ends_on": day(m.ends_on),
            },
        )

    c.on(roster_events.MembershipStarted)(membership)
    c.on(roster_events.MembershipEnded)(membership)

    @c.on(roster_events.GuardianshipAdded)
    async def guardian_added(s: AsyncSession, e: roster_events.GuardianshipAdded, env: Env) -> None:
        g = e.guardianship
        await p.upsert(
            s,
            "guardianships",
            ("school_id", "guardianship_id"),
            {
                "school_id": UUID(g.school_id),
                "guardianship_id": UUID(g.id),
                "guardian_id": UUID(g.guardian_id),
                "student_id": UUID(g.student_id),
            },
        )

    @c.on(roster_events.GuardianshipRemoved)
    async def guardian_removed(
        s: AsyncSession, e: roster_events.GuardianshipRemoved, env: Env
    ) -> None:
        g = e.guardianship
        await p.delete(
            s, "guardianships", {"school_id": UUID(g.school_id), "guardianship_id": UUID(g.id)}
        )

    @c.on(roster_events.ClassTeacherAssigned)
    async def class_teacher(
        s: AsyncSession, e: roster_events.ClassTeacherAssigned, env: Env
    ) -> None:
        key = {"school_id": UUID(e.school_id), "class_id": UUID(e.class_id)}
        if e.teacher_id:
            await p.upsert(
                s,
                "class_teachers",
                ("school_id", "class_id"),
                {**key, "teacher_id": UUID(e.teacher_id)},
            )
        else:
            await p.delete(s, "class_teachers", key)

    return c

"""Projections fed by events: roster's classes, study groups and memberships (who attends
what), and the journal's "this lesson has entries" (regeneration never moves those)."""

from __future__ import annotations

from datetime import date
from uuid import UUID

from sqlalchemy.ext.asyncio import AsyncSession

from tabel.common.v1 import types_pb2
from tabel.events.v1 import envelope_pb2
from tabel.journal.v1 import events_pb2 as journal
from tabel.roster.v1 import classes_pb2, people_pb2
from tabel.roster.v1 import events_pb2 as roster
from tabel_platform.events.consumer import EventConsumer
from tabel_platform.runtime import Runtime
from tabel_schedule.adapters import people_repo
from tabel_schedule.adapters import projections_repo as repo
from tabel_schedule.adapters.projection_tables import (
    classes,
    guardianships,
    memberships,
    people,
    study_groups,
)

Env = envelope_pb2.Envelope


def _date(value: types_pb2.Date) -> date | None:
    return date(value.year, value.month, value.day) if value.year else None


async def _membership(session: AsyncSession, m: classes_pb2.Membership) -> None:
    unit = m.WhichOneof("unit")
    await repo.upsert(
        session,
        memberships,
        id=UUID(m.id),
        school_id=UUID(m.school_id),
        person_id=UUID(m.person_id),
        class_id=UUID(m.class_id) if unit == "class_id" else None,
        study_group_id=UUID(m.study_group_id) if unit == "study_group_id" else None,
        starts_on=_date(m.starts_on),
        ends_on=_date(m.ends_on),
    )


def roster_consumer(runtime: Runtime) -> EventConsumer:
    consumer = EventConsumer(
        name="schedule", source_service="roster", db=runtime.db, nats=runtime.nats
    )

    @consumer.on(roster.ClassCreated)
    async def class_created(s: AsyncSession, e: roster.ClassCreated, _: Env) -> None:
        c = e.school_class
        await repo.upsert(
            s,
            classes,
            id=UUID(c.id),
            school_id=UUID(c.school_id),
            name=c.name,
            grade_level=c.grade_level,
        )

    @consumer.on(roster.StudyGroupCreated)
    async def group_created(s: AsyncSession, e: roster.StudyGroupCreated, _: Env) -> None:
        g = e.study_group
        await repo.upsert(
            s,
            study_groups,
            id=UUID(g.id),
            school_id=UUID(g.school_id),
            class_id=UUID(g.class_id),
            name=g.name,
        )

    async def person(s: AsyncSession, e: roster.PersonCreated | roster.PersonUpdated) -> None:
        p = e.person
        await repo.upsert(
            s,
            people,
            id=UUID(p.id),
            school_id=UUID(p.school_id),
            kinds=[
                people_pb2.PersonKind.Name(k).removeprefix("PERSON_KIND_").lower() for k in p.kinds
            ],
            positions=list(p.positions),
            last_name=p.name.last_name,
            first_name=p.name.first_name,
            middle_name=p.name.middle_name,
        )

    @consumer.on(roster.PersonCreated)
    async def person_created(s: AsyncSession, e: roster.PersonCreated, _: Env) -> None:
        await person(s, e)

    @consumer.on(roster.PersonUpdated)
    async def person_updated(s: AsyncSession, e: roster.PersonUpdated, _: Env) -> None:
        await person(s, e)

    @consumer.on(roster.GuardianshipAdded)
    async def guardian_added(s: AsyncSession, e: roster.GuardianshipAdded, _: Env) -> None:
        g = e.guardianship
        await repo.upsert(
            s,
            guardianships,
            id=UUID(g.id),
            school_id=UUID(g.school_id),
            guardian_id=UUID(g.guardian_id),
            student_id=UUID(g.student_id),
        )

    @consumer.on(roster.GuardianshipRemoved)
    async def guardian_removed(s: AsyncSession, e: roster.GuardianshipRemoved, _: Env) -> None:
        await people_repo.remove_guardianship(s, UUID(e.guardianship.id))

    @consumer.on(roster.MembershipStarted)
    async def started(s: AsyncSession, e: roster.MembershipStarted, _: Env) -> None:
        await _membership(s, e.membership)

    @consumer.on(roster.MembershipEnded)
    async def ended(s: AsyncSession, e: roster.MembershipEnded, _: Env) -> None:
        await _membership(s, e.membership)

    return consumer


def journal_consumer(runtime: Runtime) -> EventConsumer:
    consumer = EventConsumer(
        name="schedule", source_service="journal", db=runtime.db, nats=runtime.nats
    )

    async def has_entries(s: AsyncSession, school_id: str, lesson_id: str) -> None:
        if lesson_id:
            await repo.mark_lesson_has_entries(s, UUID(school_id), UUID(lesson_id))

    @consumer.on(journal.LessonJournalSaved)
    async def saved(s: AsyncSession, e: journal.LessonJournalSaved, _: Env) -> None:
        await has_entries(s, e.school_id, e.lesson_id)

    # The parts of a save, as older streams carry them one by one.
    @consumer.on(journal.LessonRecordUpdated)
    async def record(s: AsyncSession, e: journal.LessonRecordUpdated, _: Env) -> None:
        await has_entries(s, e.record.school_id, e.record.lesson_id)

    @consumer.on(journal.MarkRecorded)
    async def mark(s: AsyncSession, e: journal.MarkRecorded, _: Env) -> None:
        await has_entries(s, e.mark.school_id, e.mark.lesson_id)

    @consumer.on(journal.AttendanceRecorded)
    async def attendance(s: AsyncSession, e: journal.AttendanceRecorded, _: Env) -> None:
        await has_entries(s, e.entry.school_id, e.entry.lesson_id)

    return consumer

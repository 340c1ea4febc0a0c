"""The journal's projections, fed by identity, roster and schedule events (never by calls)."""

from __future__ import annotations

from datetime import date
from uuid import UUID

from sqlalchemy.ext.asyncio import AsyncSession

from tabel.events.v1 import envelope_pb2
from tabel.identity.v1 import events_pb2 as identity_events
from tabel.identity.v1 import grants_pb2
from tabel.roster.v1 import events_pb2 as roster_events
from tabel.schedule.v1 import calendar_pb2, lessons_pb2
from tabel.schedule.v1 import events_pb2 as schedule_events
from tabel_journal.adapters import projections as p
from tabel_journal.adapters.convert import day, moment, uid, uids
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


def schedule_consumer(runtime: Runtime) -> EventConsumer:
    """Lessons, terms, teaching assignments and substitutions into the journal's projection.

    Substitutions (seed 004 3.2.3: the substituting teacher fills the journal): a substitute
    may keep a lesson's journal while the lesson's projection names them; SubstitutionMade
    sets them, SubstitutionEnded removes exactly that substitute (the lesson's own teacher is
    again the one who teaches it), and every LessonScheduled/LessonChanged/LessonCancelled
    carries the whole lesson, substitute included, so a change that replaces or removes the
    substitute (or one whose SubstitutionMade came before the lesson) ends in the same state.
    The journal decides these rights from its own projection of schedule's events, not by a
    synchronous call to schedule nor by a per-lesson grant in identity, so a teacher's save
    never waits on another service and the rights follow the timetable within the event delay.
    """
    c = EventConsumer(name="journal", source_service="schedule", db=runtime.db, nats=runtime.nats)

    async def lesson(
        s: AsyncSession,
        e: schedule_events.LessonScheduled
        | schedule_events.LessonChanged
        | schedule_events.LessonCancelled,
        env: Env,
    ) -> None:
        le = e.lesson
        await p.save_lesson(
            s,
            p.lesson_row(
                school_id=UUID(le.school_id),
                lesson_id=UUID(le.id),
                day=required_day(le.date),
                period=le.period,
                starts_at=moment(le.starts_at),
                ends_at=moment(le.ends_at),
                subject_id=UUID(le.subject.id),
                subject_name=le.subject.name,
                teacher_id=uid(le.teacher_id),
                substitute_teacher_id=uid(le.substitute_teacher_id),
                class_ids=uids(le.class_ids),
                study_group_ids=uids(le.study_group_ids),
                term_id=uid(le.term_id),
                room_name=le.room_name,
                cancelled=le.status == lessons_pb2.LESSON_STATUS_CANCELLED,
                changed=not isinstance(e, schedule_events.LessonScheduled),
            ),
        )

    for kind in (
        schedule_events.LessonScheduled,
        schedule_events.LessonChanged,
        schedule_events.LessonCancelled,
    ):
        c.on(kind)(lesson)

    @c.on(schedule_events.SubstitutionMade)
    async def substitution(s: AsyncSession, e: schedule_events.SubstitutionMade, env: Env) -> None:
        await p.set_substitute(
            s, UUID(e.school_id), UUID(e.lesson_id), uid(e.substitute_teacher_id)
        )

    @c.on(schedule_events.SubstitutionEnded)
    async def substitution_ended(
        s: AsyncSession, e: schedule_events.SubstitutionEnded, env: Env
    ) -> None:
        await p.end_substitute(
            s, UUID(e.school_id), UUID(e.lesson_id), uid(e.substitute_teacher_id)
        )

    async def assignment_row(s: AsyncSession, a: lessons_pb2.TeachingAssignment) -> None:
        await p.upsert(
            s,
            "teaching_assignments",
            ("school_id", "assignment_id"),
            {
                "school_id": UUID(a.school_id),
                "assignment_id": UUID(a.id),
                "teacher_id": UUID(a.teacher_id),
                "subject_id": UUID(a.subject.id),
                "class_id": UUID(a.class_id),
                "study_group_id": uid(a.study_group_id),
            },
        )

    @c.on(schedule_events.TeachingAssignmentAdded)
    async def assignment_added(
        s: AsyncSession, e: schedule_events.TeachingAssignmentAdded, env: Env
    ) -> None:
        await assignment_row(s, e.assignment)

    @c.on(schedule_events.TeachingAssignmentRemoved)
    async def assignment_removed(
        s: AsyncSession, e: schedule_events.TeachingAssignmentRemoved, env: Env
    ) -> None:
        a = e.assignment
        await p.delete(
            s, "teaching_assignments", {"school_id": UUID(a.school_id), "assignment_id": UUID(a.id)}
        )

    async def term(s: AsyncSession, t: calendar_pb2.Term, *, closed: bool = False) -> None:
        await p.close_term(
            s,
            {
                "school_id": UUID(t.school_id),
                "term_id": UUID(t.id),
                "academic_year_id": uid(t.academic_year_id),
                "number": t.number,
                "starts_on": day(t.starts_on),
                "ends_on": day(t.ends_on),
                "closed": t.closed or closed,
            },
        )

    @c.on(schedule_events.AcademicYearCreated)
    async def year_created(
        s: AsyncSession, e: schedule_events.AcademicYearCreated, env: Env
    ) -> None:
        for t in e.terms:
            await term(s, t)

    @c.on(schedule_events.TermClosed)
    async def term_closed(s: AsyncSession, e: schedule_events.TermClosed, env: Env) -> None:
        await term(s, e.term, closed=True)

    return c


def required_day(value: object) -> date:
    found = day(value)  # type: ignore[arg-type]
    if found is None:
        raise ValueError("lesson without a date")
    return found


def all_consumers(runtime: Runtime) -> list[EventConsumer]:
    return [identity_consumer(runtime), roster_consumer(runtime), schedule_consumer(runtime)]

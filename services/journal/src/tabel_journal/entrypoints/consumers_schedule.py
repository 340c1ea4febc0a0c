"""Schedule's events into the journal's projection (substitute rights: see schedule_consumer)."""

from __future__ import annotations

from datetime import date
from uuid import UUID

from sqlalchemy.ext.asyncio import AsyncSession

from tabel.events.v1 import envelope_pb2
from tabel.schedule.v1 import calendar_pb2, lessons_pb2
from tabel.schedule.v1 import events_pb2 as schedule_events
from tabel_journal.adapters import projections as p
from tabel_journal.adapters.convert import day, moment, uid, uids
from tabel_platform.events.consumer import EventConsumer
from tabel_platform.runtime import Runtime

Env = envelope_pb2.Envelope
# The journal's names of schedule's term kinds; TERM_KIND_UNSPECIFIED is unknown (None).
TERM_KINDS = {
    calendar_pb2.TERM_KIND_QUARTER: "quarter",
    calendar_pb2.TERM_KIND_TRIMESTER: "trimester",
    calendar_pb2.TERM_KIND_HALF_YEAR: "half_year",
}


def schedule_consumer(runtime: Runtime) -> EventConsumer:
    """Lessons, terms (with their kind and grade levels), teaching assignments and
    substitutions into the journal's projection.

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
        await p.save_term(
            s,
            school_id=UUID(t.school_id),
            term_id=UUID(t.id),
            academic_year_id=uid(t.academic_year_id),
            number=t.number,
            starts_on=day(t.starts_on),
            ends_on=day(t.ends_on),
            closed=t.closed or closed,
            kind=TERM_KINDS.get(t.kind),
            # Schedule gives every term its grade levels: none means a publisher that did not.
            grade_levels=sorted(set(t.grade_levels)) or None,
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

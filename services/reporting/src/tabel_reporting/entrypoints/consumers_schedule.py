"""Schedule's events into the read models."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from sqlalchemy.ext.asyncio import AsyncSession

from tabel.events.v1 import envelope_pb2 as env_pb
from tabel.schedule.v1 import events_pb2 as ev
from tabel_platform.events.envelope import event_time
from tabel_reporting.adapters import journal_projection as jp
from tabel_reporting.adapters import progress_cells as cells
from tabel_reporting.adapters import schedule_projection as sp
from tabel_reporting.adapters.proto_values import uuid_or_none


async def _year(s: AsyncSession, e: ev.AcademicYearCreated, env: env_pb.Envelope) -> None:
    at = event_time(env)
    await sp.academic_year(s, e.academic_year, at)
    for term in e.terms:
        await sp.term(s, term, at)
        await _refresh_term(s, term.school_id, term.id)


async def _refresh_term(s: AsyncSession, school_id: str, term_id: str) -> None:
    school, term = uuid_or_none(school_id), uuid_or_none(term_id)
    if school and term:
        await cells.refresh_term(s, school_id=school, term=term)


async def _term(s: AsyncSession, e: ev.TermClosed, env: env_pb.Envelope) -> None:
    await sp.term(s, e.term, event_time(env))
    await _refresh_term(s, e.term.school_id, e.term.id)


async def _lesson(
    s: AsyncSession,
    e: ev.LessonScheduled | ev.LessonChanged | ev.LessonCancelled,
    env: env_pb.Envelope,
) -> None:
    if await sp.lesson(s, e.lesson, event_time(env)):
        await _recount_marks(s, UUID(e.lesson.school_id), UUID(e.lesson.id))
    await _subject(s, e.lesson.subject, e.lesson.school_id, env)


async def _recount_marks(s: AsyncSession, school_id: UUID, lesson_id: UUID) -> None:
    """A cancelled lesson's marks leave the results (and the progress) they counted in; a
    lesson that takes place after all brings them back."""
    keys = await jp.results_of_lesson(s, school_id=school_id, lesson_id=lesson_id)
    for student, subject, term in keys:
        await jp.recompute(s, student=student, subject=subject, term=term)
        await cells.refresh_result(
            s, school_id=school_id, student=student, subject=subject, term=term
        )


async def _assignment(s: AsyncSession, e: ev.TeachingAssignmentAdded, env: env_pb.Envelope) -> None:
    a = e.assignment
    await _subject(s, a.subject, a.school_id, env)


async def _subject(s: AsyncSession, subject: Any, school_id: str, env: env_pb.Envelope) -> None:
    """A subject's name files its results under it: refresh them when the name changed."""
    if await sp.subject(s, subject, school_id, event_time(env)):
        await cells.refresh_subject(s, school_id=UUID(school_id), subject=UUID(subject.id))


HANDLERS: dict[type[Any], Any] = {
    ev.AcademicYearCreated: _year,
    ev.TermClosed: _term,
    ev.LessonScheduled: _lesson,
    ev.LessonChanged: _lesson,
    ev.LessonCancelled: _lesson,
    ev.TeachingAssignmentAdded: _assignment,
}

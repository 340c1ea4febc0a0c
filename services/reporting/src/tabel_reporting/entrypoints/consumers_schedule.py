"""Schedule's events into the read models."""

from __future__ import annotations

from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from tabel.events.v1 import envelope_pb2 as env_pb
from tabel.schedule.v1 import events_pb2 as ev
from tabel_platform.events.envelope import event_time
from tabel_reporting.adapters import schedule_projection as sp


async def _year(s: AsyncSession, e: ev.AcademicYearCreated, env: env_pb.Envelope) -> None:
    at = event_time(env)
    await sp.academic_year(s, e.academic_year, at)
    for term in e.terms:
        await sp.term(s, term, at)


async def _term(s: AsyncSession, e: ev.TermClosed, env: env_pb.Envelope) -> None:
    await sp.term(s, e.term, event_time(env))


async def _lesson(
    s: AsyncSession,
    e: ev.LessonScheduled | ev.LessonChanged | ev.LessonCancelled,
    env: env_pb.Envelope,
) -> None:
    await sp.lesson(s, e.lesson, event_time(env))
    await sp.subject(s, e.lesson.subject, e.lesson.school_id, event_time(env))


async def _assignment(s: AsyncSession, e: ev.TeachingAssignmentAdded, env: env_pb.Envelope) -> None:
    a = e.assignment
    await sp.subject(s, a.subject, a.school_id, event_time(env))


HANDLERS: dict[type[Any], Any] = {
    ev.AcademicYearCreated: _year,
    ev.TermClosed: _term,
    ev.LessonScheduled: _lesson,
    ev.LessonChanged: _lesson,
    ev.LessonCancelled: _lesson,
    ev.TeachingAssignmentAdded: _assignment,
}

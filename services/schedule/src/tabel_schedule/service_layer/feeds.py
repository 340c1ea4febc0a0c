"""A person's iCalendar feed at a secret URL: made, read without a login, revoked."""

from __future__ import annotations

import hashlib
import secrets
import uuid
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any
from uuid import UUID

from icalendar import Calendar, Event

from tabel_platform.errors import NotFound
from tabel_platform.events.envelope import Actor
from tabel_platform.runtime import Runtime
from tabel_schedule.adapters import feeds_repo, places_repo, projections_repo
from tabel_schedule.domain.lessons import Change, Lesson
from tabel_schedule.service_layer.views import WeekTarget, lessons_of

PAST_DAYS, FUTURE_DAYS = 30, 180


@dataclass(frozen=True)
class NewFeed:
    id: UUID
    person_id: UUID
    token: str  # shown once; only its hash is kept


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


async def create_feed(
    *, runtime: Runtime, school_id: UUID, person_id: UUID, actor: Actor
) -> NewFeed:
    token = secrets.token_urlsafe(32)
    feed = NewFeed(uuid.uuid4(), person_id, token)
    async with runtime.uow(school_id=school_id, actor=actor) as uow:
        await feeds_repo.add(
            uow.session,
            id=feed.id,
            school_id=school_id,
            person_id=person_id,
            token_hash=_hash(token),
        )
    return feed


async def feed_owner(*, runtime: Runtime, school_id: UUID, feed_id: UUID) -> UUID:
    async with runtime.uow(school_id=school_id) as uow:
        row = await feeds_repo.get(uow.session, feed_id)
    if row is None:
        raise NotFound("schedule.feed_not_found", code="feed_not_found")
    return UUID(str(row.person_id))


async def revoke_feed(*, runtime: Runtime, school_id: UUID, feed_id: UUID, actor: Actor) -> None:
    async with runtime.uow(school_id=school_id, actor=actor) as uow:
        await feeds_repo.revoke(uow.session, feed_id)


async def render_feed(
    *, runtime: Runtime, token: str, start: date | None = None, end: date | None = None
) -> bytes:
    """The person's lessons, as a teacher (incl. substitutions) and as a student."""
    # The URL names no school: find the feed across schools, then read inside its school only.
    async with runtime.uow(all_schools=True) as uow:
        row = await feeds_repo.by_hash(uow.session, _hash(token))
    if row is None:
        raise NotFound("schedule.feed_not_found", code="feed_not_found")
    today = date.today()
    start = start or today - timedelta(days=PAST_DAYS)
    end = end or today + timedelta(days=FUTURE_DAYS)
    async with runtime.uow(school_id=row.school_id) as uow:
        s = uow.session
        found = {
            x.id: x
            for target in (
                WeekTarget(teacher_id=row.person_id),
                WeekTarget(student_id=row.person_id),
            )
            for x in await lessons_of(s, target, start, end)
        }
        subjects = await places_repo.subject_refs(s)
        rooms = await places_repo.room_names(s)
        names = await projections_repo.class_names(s)
    calendar = Calendar()
    calendar.add("prodid", "-//Tabel//Расписание//RU")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", "Расписание уроков")
    for lesson in sorted(found.values(), key=lambda x: x.starts_at):
        calendar.add_component(_event(lesson, subjects[lesson.subject_id].name, rooms, names))
    return bytes(calendar.to_ical())


def _event(lesson: Lesson, subject: str, rooms: dict[UUID, str], names: dict[UUID, str]) -> Any:
    event = Event()
    event.add("uid", f"{lesson.id}@tabel")
    event.add("dtstart", lesson.starts_at)
    event.add("dtend", lesson.ends_at)
    marks = {Change.CANCELLED: "отменён", Change.TEACHER: "замена", Change.MOVED: "перенесён"}
    notes = [text for change, text in marks.items() if change in lesson.changes]
    event.add("summary", subject + (f" ({', '.join(notes)})" if notes else ""))
    if lesson.room_id:
        event.add("location", f"Каб. {rooms.get(lesson.room_id, '')}")
    classes = ", ".join(names.get(c, "") for c in lesson.class_ids)
    event.add("description", f"Урок № {lesson.period}, {classes}")
    event.add("status", "CANCELLED" if lesson.cancelled else "CONFIRMED")
    return event

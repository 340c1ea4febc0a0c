"""Materialising the timetable into the dated lessons of the year, and regenerating them
after a change without touching lessons the journal already has entries for."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from uuid import UUID

from tabel_platform.errors import NotFound
from tabel_platform.events.envelope import Actor
from tabel_platform.runtime import Runtime
from tabel_schedule.adapters import (
    bells_repo,
    calendar_repo,
    lessons_repo,
    projections_repo,
    timetable_repo,
)
from tabel_schedule.domain.lessons import Kept, reconcile
from tabel_schedule.domain.planning import plan_lessons
from tabel_schedule.service_layer.publishing import LessonMessages

REMOVED_REASON = "Урок убран из расписания"


@dataclass(frozen=True)
class MaterialiseReport:
    created: int
    updated: int
    removed: int
    kept: list[Kept]  # what could not be moved or removed, and why
    locked: int = 0  # lessons of closed terms, left as they are


async def materialise_year(
    *,
    runtime: Runtime,
    school_id: UUID,
    academic_year_id: UUID,
    actor: Actor,
    from_date: date | None = None,
) -> MaterialiseReport:
    async with runtime.uow(school_id=school_id, actor=actor) as uow:
        s = uow.session
        year = await calendar_repo.get(s, academic_year_id)
        if year is None:
            raise NotFound("schedule.year_not_found", code="academic_year_not_found")
        start = max(year.starts_on, from_date or year.starts_on)
        closed = year.closed_term_ids()  # a closed term is locked: its lessons stay as they are
        planned = plan_lessons(
            year=year,
            entries=await timetable_repo.of_year(s, year.id),
            grade_of=await projections_repo.grade_levels(s),
            bells=await bells_repo.book(s),
            start=start,
            end=year.ends_on,
        )
        planned = [x for x in planned if x.term_id not in closed]
        existing = await lessons_repo.from_timetable(s, start, year.ends_on)
        locked = sum(x.term_id in closed for x in existing)
        existing = [x for x in existing if x.term_id not in closed]
        with_entries = await projections_repo.lessons_with_entries_between(s, start, year.ends_on)
        plan = reconcile(planned, existing, with_entries)
        messages = await LessonMessages.load(s)
        await lessons_repo.add_many(s, plan.create)
        for lesson, fields in plan.update:
            await lessons_repo.save(s, lesson)
            uow.emit(messages.changed(lesson, fields))
        await lessons_repo.remove_many(s, [x.id for x in plan.remove])
        for lesson in plan.create:
            uow.emit(messages.scheduled(lesson))
        for lesson in plan.remove:
            uow.emit(messages.cancelled(lesson.as_cancelled(), REMOVED_REASON))
    return MaterialiseReport(
        len(plan.create), len(plan.update), len(plan.remove), plan.kept, locked
    )

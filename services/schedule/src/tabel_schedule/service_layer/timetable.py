"""Use cases on the weekly timetable: entries are added only when nothing collides."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date
from typing import Any
from uuid import UUID

from tabel_platform.errors import Conflict, InvalidInput, NotFound
from tabel_platform.events.envelope import Actor
from tabel_platform.runtime import Runtime
from tabel_schedule.adapters import (
    bells_repo,
    calendar_repo,
    people_repo,
    places_repo,
    projections_repo,
    timetable_repo,
)
from tabel_schedule.domain.timetable import Entry, Weeks, collisions


@dataclass(frozen=True)
class EntrySpec:
    weekday: int
    period: int
    subject_id: UUID
    teacher_id: UUID
    class_ids: list[UUID]
    study_group_ids: list[UUID] = field(default_factory=list)
    room_id: UUID | None = None
    shift: int = 1
    weeks: Weeks = Weeks.EVERY
    teaching_assignment_id: UUID | None = None
    valid_from: date | None = None
    valid_to: date | None = None
    entry_id: UUID | None = None


@dataclass(frozen=True)
class AddTimetableEntries:
    academic_year_id: UUID
    entries: list[EntrySpec]


async def add_timetable_entries(
    *, runtime: Runtime, school_id: UUID, command: AddTimetableEntries, actor: Actor
) -> list[Entry]:
    """All or nothing: a bad or colliding entry refuses the batch, naming every problem."""
    async with runtime.uow(school_id=school_id, actor=actor) as uow:
        s = uow.session
        year = await calendar_repo.get(s, command.academic_year_id)
        if year is None:
            raise NotFound("schedule.year_not_found", code="academic_year_not_found")
        book = await bells_repo.book(s)
        known = _Known(
            subjects=set(await places_repo.subject_refs(s)),
            rooms=set(await places_repo.room_names(s)),
            classes=set(await projections_repo.grade_levels(s)),
            groups=await projections_repo.groups(
                s, {g for e in command.entries for g in e.study_group_ids}
            ),
            not_staff=await people_repo.not_staff(s, {e.teacher_id for e in command.entries}),
        )
        new: list[Entry] = []
        problems: list[dict[str, Any]] = []
        for i, spec in enumerate(command.entries):
            found = known.problems(spec)
            period = book.regular.get(spec.shift)
            times = period.period(spec.period) if period else None
            if times is None:
                found.append({"code": "no_bells", "message": f"{spec.shift}/{spec.period}"})
            start, end = spec.valid_from or year.starts_on, spec.valid_to or year.ends_on
            if not (year.starts_on <= start <= end <= year.ends_on):
                found.append({"code": "outside_year", "message": "valid_from/valid_to"})
            if found or times is None:
                problems += [{"field": f"entries.{i}", **p} for p in found]
                continue
            new.append(
                Entry(
                    id=spec.entry_id or uuid.uuid4(),
                    weekday=spec.weekday,
                    shift=spec.shift,
                    period=spec.period,
                    starts=times.starts,
                    ends=times.ends,
                    weeks=spec.weeks,
                    subject_id=spec.subject_id,
                    teacher_id=spec.teacher_id,
                    class_ids=frozenset(spec.class_ids),
                    study_group_ids=frozenset(spec.study_group_ids),
                    room_id=spec.room_id,
                    valid_from=start,
                    valid_to=end,
                    teaching_assignment_id=spec.teaching_assignment_id,
                )
            )
        if problems:
            raise InvalidInput(
                "schedule.entry_invalid", code="timetable_entry_invalid", errors=problems
            )
        existing = await timetable_repo.of_year(s, year.id)
        units = {u for e in [*existing, *new] for u in e.units}
        students = await projections_repo.students_of(s, units, year.starts_on, year.ends_on)
        clashes: list[dict[str, Any]] = []
        for i, entry in enumerate(new):
            for c in collisions(entry, [*existing, *new[:i]], students):
                clashes.append({"field": f"entries.{i}", "code": c.kind, **_json(c.as_dict())})
        if clashes:
            raise Conflict(
                "schedule.timetable_conflict",
                code="timetable_conflict",
                errors=clashes,
                count=len(clashes),
            )
        await timetable_repo.add_many(s, school_id, year.id, new)
    return new


async def remove_timetable_entry(
    *, runtime: Runtime, school_id: UUID, entry_id: UUID, actor: Actor
) -> None:
    async with runtime.uow(school_id=school_id, actor=actor) as uow:
        if await timetable_repo.get(uow.session, entry_id) is None:
            raise NotFound("schedule.entry_not_found", code="timetable_entry_not_found")
        await timetable_repo.remove(uow.session, entry_id)


async def list_timetable_entries(
    *, runtime: Runtime, school_id: UUID, academic_year_id: UUID
) -> list[Entry]:
    async with runtime.uow(school_id=school_id) as uow:
        return await timetable_repo.of_year(uow.session, academic_year_id)


@dataclass
class _Known:
    subjects: set[UUID]
    rooms: set[UUID]
    classes: set[UUID]
    groups: dict[UUID, UUID]
    not_staff: set[UUID]

    def problems(self, spec: EntrySpec) -> list[dict[str, Any]]:
        out: list[dict[str, Any]] = []
        if not 1 <= spec.weekday <= 7 or not 0 <= spec.period <= 12 or spec.shift not in (1, 2):
            out.append({"code": "slot_invalid", "message": "weekday/period/shift"})
        if spec.subject_id not in self.subjects:
            out.append({"code": "subject_not_found", "message": str(spec.subject_id)})
        if spec.teacher_id in self.not_staff:
            out.append({"code": "teacher_not_staff", "message": str(spec.teacher_id)})
        if spec.room_id is not None and spec.room_id not in self.rooms:
            out.append({"code": "room_not_found", "message": str(spec.room_id)})
        if not spec.class_ids or any(c not in self.classes for c in spec.class_ids):
            out.append({"code": "class_unknown", "message": "class_ids"})
        for g in spec.study_group_ids:
            if self.groups.get(g) not in spec.class_ids:
                out.append({"code": "study_group_unknown", "message": str(g)})
        return out


def _json(values: dict[str, Any]) -> dict[str, Any]:
    return {k: [str(x) for x in v] if isinstance(v, list) else v for k, v in values.items()}

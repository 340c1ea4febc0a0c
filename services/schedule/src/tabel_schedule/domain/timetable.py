"""The weekly timetable: entries (a slot of a weekday) valid over dates, every week or only in
week A or B (дробное расписание), for a class, some of its study groups, or several classes
together (поточный урок); and the collisions that make an entry impossible."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, time, timedelta
from enum import StrEnum
from uuid import UUID


class Weeks(StrEnum):
    EVERY = "every"
    A = "A"
    B = "B"


def week_of(day: date, year_starts_on: date) -> Weeks:
    """Week A is the academic year's first week; then B, A, B, ..."""
    first_monday = year_starts_on - timedelta(days=year_starts_on.weekday())
    return Weeks.A if ((day - first_monday).days // 7) % 2 == 0 else Weeks.B


@dataclass(frozen=True)
class Entry:
    id: UUID
    weekday: int  # 1 = Monday
    shift: int
    period: int
    starts: time
    ends: time
    weeks: Weeks
    subject_id: UUID
    teacher_id: UUID
    class_ids: frozenset[UUID]
    study_group_ids: frozenset[UUID]
    room_id: UUID | None
    valid_from: date
    valid_to: date
    teaching_assignment_id: UUID | None = None

    @property
    def units(self) -> frozenset[UUID]:
        """Who attends: the study groups when set, else the whole classes."""
        return self.study_group_ids or self.class_ids

    def occurs_on(self, day: date, year_starts_on: date) -> bool:
        return (
            day.isoweekday() == self.weekday
            and self.valid_from <= day <= self.valid_to
            and (self.weeks is Weeks.EVERY or week_of(day, year_starts_on) is self.weeks)
        )

    def overlaps(self, other: Entry) -> bool:
        return (
            self.weekday == other.weekday
            and self.starts < other.ends
            and other.starts < self.ends
            and (Weeks.EVERY in (self.weeks, other.weeks) or self.weeks is other.weeks)
            and self.valid_from <= other.valid_to
            and other.valid_from <= self.valid_to
        )


@dataclass(frozen=True)
class Collision:
    """`kind` is teacher, room, class or student; `ids` are who or what is in two places."""

    kind: str
    entry_id: UUID
    ids: tuple[UUID, ...]

    def as_dict(self) -> dict[str, object]:
        return {"kind": self.kind, "with_entry_id": str(self.entry_id), "ids": list(self.ids)}


def collisions(
    new: Entry, existing: Iterable[Entry], students: Mapping[UUID, frozenset[UUID]]
) -> list[Collision]:
    """Everything `new` collides with; `students` maps classes and groups to their members."""
    found: list[Collision] = []
    for other in existing:
        if other.id == new.id or not new.overlaps(other):
            continue
        if other.teacher_id == new.teacher_id:
            found.append(Collision("teacher", other.id, (new.teacher_id,)))
        if new.room_id is not None and other.room_id == new.room_id:
            found.append(Collision("room", other.id, (new.room_id,)))
        shared_classes = new.class_ids & other.class_ids
        whole_class = not new.study_group_ids or not other.study_group_ids
        shared_groups = new.study_group_ids & other.study_group_ids
        if shared_groups or (shared_classes and whole_class):
            found.append(
                Collision("class", other.id, tuple(sorted(shared_groups or shared_classes)))
            )
            continue
        both = _members(new, students) & _members(other, students)
        if both:
            found.append(Collision("student", other.id, tuple(sorted(both))))
    return found


def _members(entry: Entry, students: Mapping[UUID, frozenset[UUID]]) -> frozenset[UUID]:
    out: frozenset[UUID] = frozenset()
    for unit in entry.units:
        out |= students.get(unit, frozenset())
    return out

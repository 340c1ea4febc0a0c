"""Dated lessons: one occurrence of a timetable entry on a day, and what has happened to it."""

from __future__ import annotations

from dataclasses import dataclass, field, fields, replace
from datetime import date, datetime
from enum import StrEnum
from typing import Any
from uuid import UUID, uuid5


class Change(StrEnum):
    """Marks shown in the week views next to a changed lesson."""

    CANCELLED = "cancelled"
    MOVED = "moved"
    TEACHER = "teacher"
    ROOM = "room"


@dataclass(frozen=True)
class Lesson:
    id: UUID
    school_id: UUID
    day: date
    period: int
    starts_at: datetime
    ends_at: datetime
    subject_id: UUID
    teacher_id: UUID
    class_ids: tuple[UUID, ...]
    study_group_ids: tuple[UUID, ...] = ()
    room_id: UUID | None = None
    term_id: UUID | None = None
    teaching_assignment_id: UUID | None = None
    timetable_entry_id: UUID | None = None
    status: str = "scheduled"
    substitute_teacher_id: UUID | None = None
    changes: tuple[str, ...] = ()
    original_day: date | None = None
    original_period: int | None = None
    note: str = ""

    @property
    def cancelled(self) -> bool:
        return self.status == "cancelled"

    def as_cancelled(self) -> Lesson:
        """As it is published when it is taken off the timetable."""
        return replace(self, status="cancelled")

    def with_change(self, change: Change, **values: Any) -> Lesson:
        marks = self.changes if change in self.changes else (*self.changes, change.value)
        return replace(self, changes=marks, **values)


# What the timetable decides; substitutions decide the rest.
PLANNED_FIELDS = (
    "period",
    "starts_at",
    "ends_at",
    "subject_id",
    "teacher_id",
    "class_ids",
    "study_group_ids",
    "room_id",
    "term_id",
    "teaching_assignment_id",
)


def lesson_id(entry_id: UUID, day: date) -> UUID:
    """Stable, so regenerating the timetable finds the lessons it made before."""
    return uuid5(entry_id, day.isoformat())


def differing(a: Lesson, b: Lesson) -> list[str]:
    return [f for f in PLANNED_FIELDS if getattr(a, f) != getattr(b, f)]


@dataclass(frozen=True)
class Kept:
    """A lesson regeneration left alone, and why (it has journal entries or was changed)."""

    lesson: Lesson
    reason: str
    differs: tuple[str, ...]  # what the new timetable wanted to change; "removed" if dropped


@dataclass
class Reconciliation:
    create: list[Lesson] = field(default_factory=list)
    update: list[tuple[Lesson, list[str]]] = field(default_factory=list)
    remove: list[Lesson] = field(default_factory=list)
    kept: list[Kept] = field(default_factory=list)


def reconcile(
    planned: list[Lesson], existing: list[Lesson], with_entries: set[UUID]
) -> Reconciliation:
    """Bring the timetable's lessons in line with `planned`, never touching a lesson that has
    journal entries or was changed by a substitution."""
    out = Reconciliation()
    current = {lesson.id: lesson for lesson in existing}
    for new in planned:
        old = current.pop(new.id, None)
        if old is None:
            out.create.append(new)
            continue
        diff = differing(old, new)
        frozen = _frozen_reason(old, with_entries)
        if diff and frozen:
            out.kept.append(Kept(old, frozen, tuple(diff)))
        elif diff:
            out.update.append((replace(old, **{f: getattr(new, f) for f in diff}), diff))
    for old in current.values():
        frozen = _frozen_reason(old, with_entries)
        if frozen:
            out.kept.append(Kept(old, frozen, ("removed",)))
        else:
            out.remove.append(old)
    return out


def _frozen_reason(lesson: Lesson, with_entries: set[UUID]) -> str | None:
    if lesson.id in with_entries:
        return "has_journal_entries"
    if lesson.changes:
        return "changed_by_substitution"
    return None


LESSON_FIELDS = tuple(f.name for f in fields(Lesson))


def teacher_of(lesson: Lesson) -> UUID:
    """Who actually teaches it: the substitute while a substitution is in force."""
    return lesson.substitute_teacher_id or lesson.teacher_id


def lesson_collisions(
    lesson: Lesson, others: list[Lesson], students: dict[UUID, frozenset[UUID]]
) -> list[dict[str, Any]]:
    """What `lesson` collides with among `others` (lessons at an overlapping time)."""
    found: list[dict[str, Any]] = []

    def add(kind: str, other: Lesson, ids: set[UUID] | tuple[UUID, ...]) -> None:
        found.append({"code": kind, "with_lesson_id": str(other.id), "ids": sorted(map(str, ids))})

    mine = _units(lesson)
    for other in others:
        if other.id == lesson.id or other.cancelled:
            continue
        if teacher_of(other) == teacher_of(lesson):
            add("teacher", other, (teacher_of(lesson),))
        if lesson.room_id is not None and other.room_id == lesson.room_id:
            add("room", other, (lesson.room_id,))
        shared = set(lesson.class_ids) & set(other.class_ids)
        groups = set(lesson.study_group_ids) & set(other.study_group_ids)
        if groups or (shared and not (lesson.study_group_ids and other.study_group_ids)):
            add("class", other, groups or shared)
            continue
        both = _people(mine, students) & _people(_units(other), students)
        if both:
            add("student", other, both)
    return found


def _units(lesson: Lesson) -> tuple[UUID, ...]:
    return lesson.study_group_ids or lesson.class_ids


def _people(units: tuple[UUID, ...], students: dict[UUID, frozenset[UUID]]) -> set[UUID]:
    return {p for u in units for p in students.get(u, frozenset())}

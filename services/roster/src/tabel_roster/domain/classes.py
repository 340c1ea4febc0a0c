"""Classes (grade level 1–11 and letter, in one academic year), study groups, memberships."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from uuid import UUID

LETTERS = "АБВГДЕЖЗИКЛМНОПРСТУФХЦЧШЭЮЯ"


class InvalidClass(ValueError):
    def __init__(self, field_name: str) -> None:
        super().__init__(field_name)
        self.field = field_name


def academic_year_of(day: date) -> int:
    """The academic year a day belongs to, by its start: September 2025 – August 2026 → 2025."""
    return day.year if day.month >= 9 else day.year - 1


def normalize_letter(raw: str) -> str:
    letter = raw.strip().upper().replace("Ё", "Е")
    if letter and (len(letter) != 1 or letter not in LETTERS):
        raise InvalidClass("letter")
    return letter


@dataclass
class SchoolClass:
    id: UUID
    school_id: UUID
    academic_year_start: int
    grade_level: int
    letter: str
    class_teacher_id: UUID | None = None

    @property
    def name(self) -> str:
        return f"{self.grade_level}{self.letter}"

    def check(self, school_grades: list[int]) -> None:
        if not 1 <= self.grade_level <= 11 or self.grade_level not in school_grades:
            raise InvalidClass("grade_level")
        if not 2000 <= self.academic_year_start <= 2100:
            raise InvalidClass("academic_year_start")


@dataclass
class StudyGroup:
    id: UUID
    school_id: UUID
    academic_year_start: int
    name: str
    # The class it is a part of (a subgroup); None for a group across classes.
    class_id: UUID | None = None


@dataclass
class Membership:
    """A student in a class or study group from `starts_on` to `ends_on` (both inclusive)."""

    id: UUID
    school_id: UUID
    person_id: UUID
    starts_on: date
    class_id: UUID | None = None
    study_group_id: UUID | None = None
    ends_on: date | None = None

    def covers(self, day: date) -> bool:
        return self.starts_on <= day and (self.ends_on is None or day <= self.ends_on)

    def end_before(self, day: date) -> None:
        """Close the membership so that `day` is the first day outside it."""
        self.ends_on = day - timedelta(days=1)

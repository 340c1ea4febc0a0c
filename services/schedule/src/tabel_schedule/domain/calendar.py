"""The academic year: terms per grade level (quarters, trimesters, half-years) and holidays."""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum
from typing import Any
from uuid import UUID
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

GRADE_LEVELS = range(1, 12)


class TermKind(StrEnum):
    QUARTER = "quarter"
    TRIMESTER = "trimester"
    HALF_YEAR = "half_year"

    @property
    def term_count(self) -> int:
        return {"quarter": 4, "trimester": 3, "half_year": 2}[self.value]


@dataclass(frozen=True)
class Term:
    id: UUID
    kind: TermKind
    number: int
    grade_levels: tuple[int, ...]
    starts_on: date
    ends_on: date
    closed: bool = False
    closed_at: datetime | None = None


@dataclass(frozen=True)
class Holiday:
    id: UUID
    name: str
    starts_on: date
    ends_on: date
    # Empty: for every grade level (e.g. extra holidays of the 1st grade name only grade 1).
    grade_levels: tuple[int, ...] = ()

    def covers(self, grade_level: int, day: date) -> bool:
        in_grades = not self.grade_levels or grade_level in self.grade_levels
        return in_grades and self.starts_on <= day <= self.ends_on


@dataclass
class AcademicYear:
    id: UUID
    school_id: UUID
    start_year: int
    starts_on: date
    ends_on: date
    time_zone: str = "Europe/Moscow"
    terms: list[Term] = field(default_factory=list)
    holidays: list[Holiday] = field(default_factory=list)

    @property
    def name(self) -> str:
        return f"{self.start_year}/{self.start_year + 1}"

    def term_for(self, grade_level: int, day: date) -> Term | None:
        for term in self.terms:
            if grade_level in term.grade_levels and term.starts_on <= day <= term.ends_on:
                return term
        return None

    def is_holiday(self, grade_level: int, day: date) -> bool:
        return any(h.covers(grade_level, day) for h in self.holidays)

    def closed_term_ids(self) -> frozenset[UUID]:
        return frozenset(t.id for t in self.terms if t.closed)

    def is_study_day(self, grade_level: int, day: date) -> bool:
        return self.term_for(grade_level, day) is not None and not self.is_holiday(grade_level, day)


def year_problems(year: AcademicYear) -> list[dict[str, Any]]:
    """What is wrong with a year's dates, terms and holidays (empty when it is consistent)."""
    out: list[dict[str, Any]] = []

    def bad(field_: str, code: str, message: str) -> None:
        out.append({"field": field_, "code": code, "message": message})

    try:
        ZoneInfo(year.time_zone)
    except (ZoneInfoNotFoundError, ValueError):
        bad("time_zone", "time_zone", "Неизвестный часовой пояс.")
    if year.starts_on >= year.ends_on or year.starts_on.year != year.start_year:
        bad("starts_on", "year_dates", "Учебный год должен начинаться в указанном году.")
    for i, term in enumerate(year.terms):
        if not (year.starts_on <= term.starts_on <= term.ends_on <= year.ends_on):
            bad(f"terms.{i}", "term_outside_year", "Период выходит за границы учебного года.")
        bad_grades = [g for g in term.grade_levels if g not in GRADE_LEVELS]
        if bad_grades or not term.grade_levels:
            bad(f"terms.{i}.grade_levels", "grade_levels", "Параллели должны быть от 1 до 11.")
    for grade in sorted({g for t in year.terms for g in t.grade_levels}):
        own = sorted((t for t in year.terms if grade in t.grade_levels), key=lambda t: t.starts_on)
        kinds = {t.kind for t in own}
        if len(kinds) > 1:
            bad("terms", "mixed_term_kinds", f"У {grade}-х классов разные виды периодов.")
            continue
        kind = next(iter(kinds))
        if [t.number for t in own] != list(range(1, kind.term_count + 1)):
            bad(
                "terms", "term_numbers", f"У {grade}-х классов периоды не пронумерованы по порядку."
            )
        for a, b in itertools.pairwise(own):
            if b.starts_on <= a.ends_on:
                bad("terms", "terms_overlap", f"Периоды {grade}-х классов пересекаются.")
    for i, holiday in enumerate(year.holidays):
        if not (year.starts_on <= holiday.starts_on <= holiday.ends_on <= year.ends_on):
            bad(f"holidays.{i}", "holiday_outside_year", "Каникулы вне учебного года.")
    return out

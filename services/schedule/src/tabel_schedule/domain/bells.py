"""Bell schedules (расписание звонков) per shift, and shortened days that use another one."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, time
from typing import Any
from uuid import UUID


@dataclass(frozen=True)
class Period:
    number: int
    starts: time
    ends: time


@dataclass
class BellSchedule:
    id: UUID
    name: str
    shift: int
    periods: list[Period]
    shortened: bool = False

    def period(self, number: int) -> Period | None:
        return next((p for p in self.periods if p.number == number), None)


def period_problems(periods: list[Period]) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    numbers = [p.number for p in periods]
    if not periods or len(set(numbers)) != len(numbers):
        out.append({"field": "periods", "code": "period_numbers", "message": "Номера уроков."})
    ordered = sorted(periods, key=lambda p: p.number)
    for i, p in enumerate(ordered):
        if p.starts >= p.ends:
            out.append({"field": f"periods.{i}", "code": "period_times", "message": "Время урока."})
        if i and ordered[i - 1].ends > p.starts:
            out.append({"field": f"periods.{i}", "code": "periods_overlap", "message": "Уроки."})
    return out


@dataclass
class BellBook:
    """The regular schedule of each shift plus the shortened days' schedules."""

    regular: Mapping[int, BellSchedule]
    shortened: Mapping[tuple[date, int], BellSchedule] = field(default_factory=dict)

    def times(self, day: date, shift: int, number: int) -> Period | None:
        special = self.shortened.get((day, shift))
        if special is not None and (p := special.period(number)) is not None:
            return p
        regular = self.regular.get(shift)
        return regular.period(number) if regular else None

"""Aggregates for municipal analysts: rates per group, small groups suppressed.

Across schools the rates are taken over subject results (one per student, subject and
term): pass rate = share of results 3 or better, quality = share of 4 and 5, СОУ by the
same weights as in a class, N = counted results. A group with fewer than
MIN_GROUP_STUDENTS distinct students shows no figures at all, only that it is suppressed:
small groups could point at a person. No answer to an analyst names a person or an id of one.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from tabel_reporting.domain.progress import Counts, Rates, rates_of

MIN_GROUP_STUDENTS = 5
ANALYTICS_FORMULAS = (
    "Показатели считаются по итогам обучающихся по предметам за период (N — число итогов)",
    "Успеваемость = (n5 + n4 + n3) / N; качество знаний = (n5 + n4) / N",
    "СОУ = (100·n5 + 64·n4 + 36·n3 + 16·n2 + 7·n_на) / N, %",
    f"Группы, где меньше {MIN_GROUP_STUDENTS} обучающихся, не показываются",
)


@dataclass(frozen=True)
class GroupRates:
    keys: dict[str, Any]
    suppressed: bool
    rates: Rates | None  # None when suppressed


def group_rates(
    keys: dict[str, Any],
    *,
    students: int,
    n5: int,
    n4: int,
    n3: int,
    n2: int,
    n_na: int,
    sum_weighted: float,
    sum_weights: int,
) -> GroupRates:
    if students < MIN_GROUP_STUDENTS:
        return GroupRates(keys=keys, suppressed=True, rates=None)
    counts = Counts(by_grade={5: n5, 4: n4, 3: n3, 2: n2}, not_certified=n_na)
    rates = rates_of(counts, marks=0, sum_weighted=sum_weighted, sum_weights=sum_weights)
    # Across schools "students" is the distinct students behind the results, N the results.
    return GroupRates(keys=keys, suppressed=False, rates=rates)


@dataclass(frozen=True)
class TrendPoint:
    keys: dict[str, Any]
    rates: Rates | None
    suppressed: bool
    change_degree_of_learning: float | None
    change_quality_rate: float | None


def trend(points: list[GroupRates], series_keys: list[str]) -> list[TrendPoint]:
    """Each group's change against the previous term of the same series."""
    ordered = sorted(
        points,
        key=lambda g: (
            [str(g.keys.get(k)) for k in series_keys],
            g.keys.get("academic_year_start") or 0,
            g.keys.get("term_number") or 0,
        ),
    )
    out: list[TrendPoint] = []
    previous: dict[tuple[str, ...], Rates | None] = {}
    for g in ordered:
        series = tuple(str(g.keys.get(k)) for k in series_keys)
        before = previous.get(series)
        out.append(
            TrendPoint(
                keys=g.keys,
                rates=g.rates,
                suppressed=g.suppressed,
                change_degree_of_learning=_change(before, g.rates, "degree_of_learning"),
                change_quality_rate=_change(before, g.rates, "quality_rate"),
            )
        )
        previous[series] = g.rates
    return out


def _change(before: Rates | None, now: Rates | None, field: str) -> float | None:
    a = getattr(before, field, None) if before else None
    b = getattr(now, field, None) if now else None
    return b - a if a is not None and b is not None else None

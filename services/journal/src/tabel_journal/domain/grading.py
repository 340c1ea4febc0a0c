"""Grading scales, special marks, work types with weights, averages and the suggested mark."""

from __future__ import annotations

import math
from dataclasses import dataclass
from enum import StrEnum


class Scale(StrEnum):
    FIVE_POINT = "five_point"
    TEN_POINT = "ten_point"
    HUNDRED_POINT = "hundred_point"
    PASS_FAIL = "pass_fail"  # noqa: S105 - a scale name
    NONE = "none"  # no marks at all, e.g. grade 1 (seed 004 3.2.3)


_RANGES = {Scale.FIVE_POINT: (1, 5), Scale.TEN_POINT: (1, 10), Scale.HUNDRED_POINT: (0, 100)}
PASS_FAIL_VALUES = ("pass", "fail")


@dataclass(frozen=True)
class SpecialMark:
    """н/а, осв, зч, нз and how each counts in averages."""

    code: str
    title: str
    counts_as_fail: bool  # нз weighs in the average as the scale's lowest mark
    is_debt: bool  # н/а: not certified, shown as a debt; not in the average


SPECIAL_MARKS = {
    "н/а": SpecialMark("н/а", "не аттестован", counts_as_fail=False, is_debt=True),
    "осв": SpecialMark("осв", "освобождён", counts_as_fail=False, is_debt=False),
    "зч": SpecialMark("зч", "зачтено", counts_as_fail=False, is_debt=False),
    "нз": SpecialMark("нз", "не зачтено", counts_as_fail=True, is_debt=False),
}


class InvalidMark(ValueError):
    pass


def validate_value(scale: Scale, value: str) -> str:
    """The value as stored, or InvalidMark."""
    v = value.strip().lower()
    if scale is Scale.NONE:
        raise InvalidMark("no_marks_for_grade")
    if v in SPECIAL_MARKS:
        return v
    if scale is Scale.PASS_FAIL:
        if v not in PASS_FAIL_VALUES:
            raise InvalidMark("value_out_of_scale")
        return v
    low, high = _RANGES[scale]
    if not _digits(v) or not low <= int(v) <= high:
        raise InvalidMark("value_out_of_scale")
    return str(int(v))


def numeric(scale: Scale, value: str) -> float | None:
    """The number a mark counts as in the average; None when it does not count."""
    special = SPECIAL_MARKS.get(value)
    if special is not None:
        return float(_RANGES[scale][0]) if special.counts_as_fail and scale in _RANGES else None
    if scale in _RANGES and _digits(value):
        return float(value)
    return None


@dataclass(frozen=True)
class Average:
    simple: float | None
    weighted: float | None
    count: int
    weight_sum: int
    debts: int  # н/а


def average(scale: Scale, marks: list[tuple[str, int]]) -> Average:
    """Marks as (value, weight)."""
    nums = [(n, w) for v, w in marks if (n := numeric(scale, v)) is not None]
    debts = sum(1 for v, _ in marks if v in SPECIAL_MARKS and SPECIAL_MARKS[v].is_debt)
    if not nums:
        return Average(None, None, 0, 0, debts)
    wsum = sum(w for _, w in nums)
    simple = sum(n for n, _ in nums) / len(nums)
    weighted = sum(n * w for n, w in nums) / wsum if wsum else simple
    return Average(round(simple, 2), round(weighted, 2), len(nums), wsum, debts)


DEFAULT_THRESHOLDS = {Scale.FIVE_POINT: [(4.5, "5"), (3.5, "4"), (2.5, "3"), (0.0, "2")]}


def thresholds_for(scale: Scale, school: dict[str, list[list[object]]]) -> list[tuple[float, str]]:
    """The school's rounding thresholds for the scale, best first (e.g. 4.6 → "5").

    Schools list the passing marks; below their lowest threshold the scale's usual rounding
    goes on down to its lowest mark (a five-point "2"), so an average under every listed
    threshold is never rounded up to the lowest listed mark."""
    usual = _usual_thresholds(scale)
    raw = school.get(scale.value)
    if not raw:
        return usual
    listed = sorted(((float(str(t)), str(v)) for t, v in raw), reverse=True)
    floor, floor_mark = listed[-1]
    return [*listed, *((t, v) for t, v in usual if t < floor and _lower(v, floor_mark))]


def _usual_thresholds(scale: Scale) -> list[tuple[float, str]]:
    if scale in DEFAULT_THRESHOLDS:
        return DEFAULT_THRESHOLDS[scale]
    low, high = _RANGES.get(scale, (0, 0))
    return [(v - 0.5 if v > low else float("-inf"), str(v)) for v in range(high, low - 1, -1)]


def _lower(mark: str, than: str) -> bool:
    return _digits(mark) and _digits(than) and int(mark) < int(than)


def _digits(text: str) -> bool:
    """ASCII digits only: str.isdigit() also takes "²" and "٣", which int() refuses or
    reads as another number."""
    return text.isascii() and text.isdigit()


def suggest(weighted: float | None, thresholds: list[tuple[float, str]]) -> str | None:
    """The mark of the first threshold the average reaches (`thresholds_for` goes down to the
    scale's lowest mark)."""
    if weighted is None:
        return None
    for threshold, value in thresholds:
        if weighted >= threshold:
            return value
    return thresholds[-1][1] if thresholds else None


@dataclass(frozen=True)
class Forecast:
    suggested: str | None
    next_mark: str | None
    needed_threshold: float | None
    # How many top marks of weight 1 (and of the heaviest work type) it would take.
    top_marks_needed: int | None
    heavy_marks_needed: int | None
    heavy_weight: int


def forecast(
    scale: Scale, avg: Average, thresholds: list[tuple[float, str]], heavy_weight: int
) -> Forecast:
    """The suggested mark and the next one up: the lowest threshold above the average that
    gives another mark (for an average under the school's thresholds, its lowest one)."""
    suggested = suggest(avg.weighted, thresholds)
    better = [
        (t, v)
        for t, v in thresholds
        if avg.weighted is not None and t > avg.weighted and v != suggested
    ]
    if scale not in _RANGES or avg.weighted is None or not better:
        return Forecast(suggested, None, None, None, None, heavy_weight)
    threshold, next_mark = better[-1]
    top = float(_RANGES[scale][1])
    s, w = avg.weighted * avg.weight_sum, avg.weight_sum

    def needed(weight: int) -> int | None:
        if top <= threshold:
            return None
        return max(1, math.ceil((threshold * w - s) / (weight * (top - threshold)) - 1e-9))

    return Forecast(suggested, next_mark, threshold, needed(1), needed(heavy_weight), heavy_weight)

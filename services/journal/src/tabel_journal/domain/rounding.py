"""A school's rounding thresholds checked against their scale: which average a mark needs, so
the suggested final mark is never higher than the average justifies."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from itertools import pairwise

from tabel_journal.domain.grading import Scale, validate_value

# The lowest mark that passes on each numeric scale: a five-point «3»; on a ten-point scale 3
# points (3-5 points are a «3» in Minobrnauki's 2003 comparison of the ten-point scale); half
# of a hundred-point scale.
LOWEST_PASSING = {Scale.FIVE_POINT: 3, Scale.TEN_POINT: 3, Scale.HUNDRED_POINT: 50}


@dataclass(frozen=True)
class RuleProblem:
    path: str  # the field in the settings document, e.g. "rounding.five_point.0.0"
    code: str
    message_key: str
    params: Mapping[str, object] = field(default_factory=dict)


def rounding_problems(rounding: Mapping[str, Sequence[Sequence[object]]]) -> list[RuleProblem]:
    """What is wrong with a school's rounding thresholds: each a finite number on its mark's
    side of the scale, marks strictly higher as thresholds rise, down to the lowest passing
    mark, and no pass for an average a whole mark below it; so the suggested final mark is
    never higher than the average justifies."""
    found: list[RuleProblem] = []
    for code, pairs in rounding.items():
        where, scale = f"rounding.{code}", Scale(code)
        passing = LOWEST_PASSING.get(scale)
        if passing is None:
            found += [RuleProblem(where, "rounding_not_numeric", "journal.rounding_not_numeric")]
            continue
        marks = [_threshold(f"{where}.{i}", scale, passing, t, v) for i, (t, v) in enumerate(pairs)]
        wrong = [m for m in marks if isinstance(m, RuleProblem)]
        found += wrong
        ordered = sorted((m for m in marks if not isinstance(m, RuleProblem)), reverse=True)
        if wrong or not ordered:
            continue
        if any(a[0] <= b[0] or a[1] <= b[1] for a, b in pairwise(ordered)):
            found.append(RuleProblem(where, "rounding_not_descending", "journal.rounding_order"))
        elif passing not in {mark for _, mark in ordered}:
            key = "journal.rounding_no_pass"
            found.append(RuleProblem(where, "rounding_incomplete", key, {"mark": passing}))
    return found


def _threshold(
    where: str, scale: Scale, passing: int, threshold: object, value: object
) -> tuple[float, int] | RuleProblem:
    try:
        stored = validate_value(scale, str(value))
    except ValueError:  # InvalidMark, or a digit int() does not read ("²")
        stored = ""
    if not stored.isdigit():  # nor is a special mark (н/а, нз) a step of rounding
        key = "journal.rounding_mark_out_of_scale"
        return RuleProblem(f"{where}.1", "value_out_of_scale", key, {"value": value})
    mark = int(stored)
    if not isinstance(threshold, int | float) or not math.isfinite(threshold):
        return RuleProblem(f"{where}.0", "threshold_not_finite", "journal.rounding_not_finite")
    # A pass needs more than the mark below it: an average of 2.0 is never rounded to a «3».
    is_pass = mark >= passing
    if not (threshold > mark - 1 if is_pass else threshold >= 0) or threshold > mark:
        key = "journal.rounding_pass_range" if is_pass else "journal.rounding_fail_range"
        params = {"mark": mark, "low": mark - 1}
        return RuleProblem(f"{where}.0", "threshold_out_of_range", key, params)
    return float(threshold), mark

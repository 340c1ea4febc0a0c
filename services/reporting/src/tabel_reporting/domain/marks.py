"""What a mark value means for reports: a five-point grade, or a special mark.

Current marks and final marks use the same values ("1".."5") and, for the special cases,
Russian codes in current marks (н/а, осв, зч, нз) and English ones in final marks
(not_certified, exempt, pass, fail); both spellings mean the same here.
"""

from __future__ import annotations

from enum import StrEnum

FIVE_POINT_SCALE = "five_point"
# The same test in SQL, for the projections and the region-wide aggregates.
FIVE_POINT_SQL = "(scale_code = 'five_point' AND value IN ('1', '2', '3', '4', '5'))"


class Special(StrEnum):
    NOT_CERTIFIED = "not_certified"  # н/а — не аттестован
    EXEMPT = "exempt"  # осв — освобождён
    PASSED = "pass"  # зч — зачтено
    FAILED = "fail"  # нз — не зачтено


_SPECIALS = {
    "н/а": Special.NOT_CERTIFIED,
    "на": Special.NOT_CERTIFIED,
    "not_certified": Special.NOT_CERTIFIED,
    "осв": Special.EXEMPT,
    "exempt": Special.EXEMPT,
    "зч": Special.PASSED,
    "зачёт": Special.PASSED,
    "pass": Special.PASSED,
    "нз": Special.FAILED,
    "fail": Special.FAILED,
}


def grade_of(value: str) -> int | None:
    """The five-point grade a value stands for, or None for anything else."""
    v = value.strip()
    return int(v) if v in {"1", "2", "3", "4", "5"} else None


def special_of(value: str) -> Special | None:
    return _SPECIALS.get(value.strip().lower())

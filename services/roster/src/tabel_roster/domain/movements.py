"""Enrolment movements (движение учащихся) and the year-end promotion plan (seed 004, 3.2.2)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import IntEnum
from uuid import UUID

from tabel_roster.domain.classes import SchoolClass


class MovementKind(IntEnum):  # tabel.roster.v1.EnrolmentMovementKind
    ADMISSION = 1
    WITHDRAWAL = 2
    TRANSFER = 3
    PROMOTION = 4


@dataclass
class Movement:
    id: UUID
    school_id: UUID
    student_id: UUID
    kind: MovementKind
    effective_on: date
    from_class_id: UUID | None = None
    to_class_id: UUID | None = None
    order_number: str = ""
    reason: str = ""
    counterpart_school: str = ""


@dataclass(frozen=True)
class PromotionTarget:
    """Where the students of one class go: the next grade, the same grade again, or out."""

    source: SchoolClass
    grade_level: int | None  # None: the class graduates and its students leave the school


def promotion_targets(classes: list[SchoolClass], graduating_grade: int) -> list[PromotionTarget]:
    """Each class of the closing year moves one grade up; the graduating grade leaves."""
    return [
        PromotionTarget(c, None if c.grade_level >= graduating_grade else c.grade_level + 1)
        for c in sorted(classes, key=lambda c: (c.grade_level, c.letter))
    ]

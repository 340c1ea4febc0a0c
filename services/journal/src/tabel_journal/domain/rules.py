"""A school's journal rules: which scale where, work types and weights, rounding, deadlines.

Stored as one JSON document per school (read in the same query as the lesson on the hot
path); absent keys fall back to the defaults below, which follow the seeds.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any
from uuid import UUID

from tabel_journal.domain.grading import Scale

DEFAULT_WORK_TYPES: dict[str, dict[str, Any]] = {
    "oral": {"name": "Ответ на уроке", "weight": 1, "written": False},
    "classwork": {"name": "Работа на уроке", "weight": 1, "written": False},
    "homework": {"name": "Домашняя работа", "weight": 1, "written": False},
    "independent": {"name": "Самостоятельная работа", "weight": 2, "written": True},
    "practical": {"name": "Практическая работа", "weight": 2, "written": True},
    "lab": {"name": "Лабораторная работа", "weight": 2, "written": True},
    "test": {"name": "Контрольная работа", "weight": 3, "written": True},
    "essay": {"name": "Сочинение", "weight": 3, "written": True},
}


@dataclass(frozen=True)
class ScaleRule:
    scale: Scale
    grade_levels: frozenset[int] = frozenset()  # empty: every grade
    subject_id: UUID | None = None  # None: every subject

    def matches(self, subject_id: UUID, grade_level: int) -> bool:
        return (self.subject_id in (None, subject_id)) and (
            not self.grade_levels or grade_level in self.grade_levels
        )


@dataclass(frozen=True)
class Rules:
    scale_rules: tuple[ScaleRule, ...] = (
        ScaleRule(Scale.NONE, frozenset({1})),
        ScaleRule(Scale.FIVE_POINT),
    )
    work_types: dict[str, dict[str, Any]] = field(default_factory=lambda: dict(DEFAULT_WORK_TYPES))
    rounding: dict[str, list[list[object]]] = field(default_factory=dict)
    time_zone: str = "Europe/Moscow"
    homework_deadline_minutes: int = 120  # seed 003 II.3.5
    written_work_days: int = 7  # seed 002 2.6, seed 003 II.3.6

    def scale_for(self, subject_id: UUID, grade_level: int) -> Scale:
        """The most specific rule wins: subject and grade, subject, grade, school default."""
        ranked = sorted(
            self.scale_rules,
            key=lambda r: (r.subject_id is None, not r.grade_levels),
        )
        for rule in ranked:
            if rule.matches(subject_id, grade_level):
                return rule.scale
        return Scale.FIVE_POINT

    def weight_of(self, work_type: str) -> int | None:
        wt = self.work_types.get(work_type)
        return int(wt["weight"]) if wt else None

    def is_written(self, work_type: str) -> bool:
        return bool(self.work_types.get(work_type, {}).get("written"))

    @property
    def heaviest_weight(self) -> int:
        return max((int(w["weight"]) for w in self.work_types.values()), default=1)

    @classmethod
    def from_doc(cls, doc: dict[str, Any] | None) -> Rules:
        if not doc:
            return cls()
        base = cls()
        rules = tuple(
            ScaleRule(
                Scale(r["scale"]),
                frozenset(int(g) for g in r.get("grade_levels") or ()),
                UUID(r["subject_id"]) if r.get("subject_id") else None,
            )
            for r in doc.get("scales") or ()
        )
        return cls(
            scale_rules=rules or base.scale_rules,
            work_types=doc.get("work_types") or base.work_types,
            rounding=doc.get("rounding") or {},
            time_zone=doc.get("time_zone") or base.time_zone,
            homework_deadline_minutes=int(doc.get("homework_deadline_minutes") or 120),
            written_work_days=int(doc.get("written_work_days") or 7),
        )

    def to_doc(self) -> dict[str, Any]:
        return {
            "scales": [
                {
                    "scale": r.scale.value,
                    "grade_levels": sorted(r.grade_levels),
                    "subject_id": str(r.subject_id) if r.subject_id else None,
                }
                for r in self.scale_rules
            ],
            "work_types": self.work_types,
            "rounding": self.rounding,
            "time_zone": self.time_zone,
            "homework_deadline_minutes": self.homework_deadline_minutes,
            "written_work_days": self.written_work_days,
        }

"""Students at risk, for the class teacher: a forecast of failing term results (the
weighted average of the current marks rounds to "2", or no certification is possible) and
absences that rise (more missed lessons in the last two weeks than in the two before, and
at least RISING_MIN of them)."""

from __future__ import annotations

from dataclasses import dataclass
from uuid import UUID

from tabel_reporting.domain.class_progress import Student, Subject
from tabel_reporting.domain.document import Column, Document, Kind, Table
from tabel_reporting.domain.progress import Outcome, Tally, result_of

RISING_MIN = 3


@dataclass(frozen=True)
class Risk:
    student: Student
    failing: list[str]  # "Математика (2)", "Физика (н/а)"
    missed_recent: int
    missed_before: int

    @property
    def rising_absences(self) -> bool:
        return self.missed_recent >= RISING_MIN and self.missed_recent > self.missed_before


def risks(
    *,
    students: list[Student],
    subjects: list[Subject],
    tallies: dict[tuple[UUID, UUID], Tally],
    missed: dict[UUID, tuple[int, int]],  # student -> (last two weeks, two weeks before)
) -> list[Risk]:
    found = []
    for student in students:
        failing = []
        for subject in subjects:
            result = result_of(tallies.get((student.id, subject.id), Tally()))
            if result.outcome is Outcome.GRADE and result.grade == 2:
                failing.append(f"{subject.name} (2)")
            elif result.outcome is Outcome.NOT_CERTIFIED:
                failing.append(f"{subject.name} (н/а)")
        recent, before = missed.get(student.id, (0, 0))
        risk = Risk(student, failing, recent, before)
        if failing or risk.rising_absences:
            found.append(risk)
    return found


def at_risk_document(*, class_name: str, period_name: str, found: list[Risk]) -> Document:
    table = Table(
        "Обучающиеся группы риска",
        [
            Column("Обучающийся"),
            Column("Прогноз неудовлетворительного итога"),
            Column("Пропущено за 2 недели", Kind.INT),
            Column("За 2 недели до того", Kind.INT),
            Column("Пропуски растут"),
        ],
    )
    for r in found:
        table.rows.append(
            [
                r.student.name,
                ", ".join(r.failing),
                r.missed_recent,
                r.missed_before,
                "да" if r.rising_absences else "нет",
            ]
        )
    return Document(
        title="Обучающиеся группы риска",
        subtitle=[f"Класс {class_name}, {period_name}"],
        tables=[table],
        notes=[
            "Прогноз — средневзвешенная текущих отметок, округлённая до целого, пока "
            "итоговая отметка не выставлена",
            f"Пропуски растут: за последние 2 недели пропущено не меньше {RISING_MIN} уроков "
            "и больше, чем за 2 недели до того",
        ],
    )

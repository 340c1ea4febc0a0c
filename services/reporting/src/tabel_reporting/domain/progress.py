"""Learning outcomes of a group of students (успеваемость, качество знаний, СОУ, средний балл).

A student's result in a subject for a term is the term's final mark when one is set;
otherwise it is forecast from the current marks: the weighted average of five-point marks,
rounded to the nearest grade (a half rounds up, in the student's favour). With no
five-point marks, a special mark decides: «осв» → exempt, «н/а» → not certified.
A grade of 1 counts as a 2 (both unsatisfactory); pass/fail results (зч/нз) are not on
the five-point scale and are left out of the rates.

Over the N students with a counted result (exempt students and students with no marks
are not in N):
    pass rate     = (n5 + n4 + n3) / N
    quality rate  = (n5 + n4) / N
    СОУ           = (100·n5 + 64·n4 + 36·n3 + 16·n2 + 7·n_na) / N   (%; here as a share)
    average mark  = Σ weight·mark / Σ weight over the current five-point marks.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum

from tabel_reporting.domain.marks import Special, grade_of, special_of

FORMULAS = (
    "Успеваемость = (n5 + n4 + n3) / N",
    "Качество знаний = (n5 + n4) / N",
    "СОУ = (100·n5 + 64·n4 + 36·n3 + 16·n2 + 7·n_на) / N, %",
    "N — обучающиеся с отметками; освобождённые и не имеющие отметок в N не входят",
    "Результат за период — итоговая отметка, а до её выставления — средневзвешенная "
    "текущих отметок, округлённая до целого (0,5 — в пользу обучающегося); «1» считается как «2»",
    "Средний балл = Σ(вес·отметка) / Σ вес по текущим отметкам пятибалльной шкалы",
)
SIMONOV_WEIGHTS = {5: 100, 4: 64, 3: 36, 2: 16}
NOT_CERTIFIED_WEIGHT = 7


class Outcome(StrEnum):
    GRADE = "grade"
    NOT_CERTIFIED = "not_certified"
    EXEMPT = "exempt"
    PASS_FAIL = "pass_fail"  # noqa: S105 - not a password
    NO_MARKS = "no_marks"


@dataclass(frozen=True)
class Tally:
    """A student's current marks in one subject and term, and the final mark if set."""

    marks: int = 0
    sum_weighted: float = 0.0
    sum_weights: int = 0
    specials: tuple[str, ...] = ()
    final: str | None = None

    @property
    def average(self) -> float | None:
        return self.sum_weighted / self.sum_weights if self.sum_weights else None


@dataclass(frozen=True)
class Result:
    outcome: Outcome
    grade: int | None = None  # 2..5 for GRADE
    forecast: bool = False  # from current marks, no final mark yet

    @property
    def counted(self) -> bool:
        return self.outcome in (Outcome.GRADE, Outcome.NOT_CERTIFIED)


def round_grade(average: float) -> int:
    return max(2, min(5, math.floor(average + 0.5)))


def result_of(tally: Tally) -> Result:
    if tally.final:
        grade = grade_of(tally.final)
        if grade is not None:
            return Result(Outcome.GRADE, max(grade, 2))
        return _special_result(special_of(tally.final), forecast=False)
    if tally.average is not None:
        return Result(Outcome.GRADE, round_grade(tally.average), forecast=True)
    specials = {special_of(s) for s in tally.specials}
    for special in (Special.EXEMPT, Special.NOT_CERTIFIED, Special.FAILED, Special.PASSED):
        if special in specials:
            return _special_result(special, forecast=True)
    return Result(Outcome.NO_MARKS)


def _special_result(special: Special | None, *, forecast: bool) -> Result:
    if special is Special.EXEMPT:
        return Result(Outcome.EXEMPT, forecast=forecast)
    if special is Special.NOT_CERTIFIED:
        return Result(Outcome.NOT_CERTIFIED, forecast=forecast)
    if special in (Special.PASSED, Special.FAILED):
        return Result(Outcome.PASS_FAIL, forecast=forecast)
    return Result(Outcome.NO_MARKS)


@dataclass
class Counts:
    by_grade: dict[int, int] = field(default_factory=lambda: dict.fromkeys((5, 4, 3, 2), 0))
    not_certified: int = 0
    exempt: int = 0
    no_marks: int = 0
    pass_fail: int = 0

    def add(self, result: Result) -> None:
        if result.outcome is Outcome.GRADE and result.grade is not None:
            self.by_grade[result.grade] += 1
        elif result.outcome is Outcome.NOT_CERTIFIED:
            self.not_certified += 1
        elif result.outcome is Outcome.EXEMPT:
            self.exempt += 1
        elif result.outcome is Outcome.PASS_FAIL:
            self.pass_fail += 1
        else:
            self.no_marks += 1

    @property
    def n(self) -> int:
        return sum(self.by_grade.values()) + self.not_certified


@dataclass(frozen=True)
class Rates:
    students: int  # N
    marks: int
    average_mark: float | None
    pass_rate: float | None
    quality_rate: float | None
    degree_of_learning: float | None  # СОУ as a share, 0..1


def rates_of(counts: Counts, *, marks: int, sum_weighted: float, sum_weights: int) -> Rates:
    n, g = counts.n, counts.by_grade
    points = sum(SIMONOV_WEIGHTS[k] * v for k, v in g.items())
    points += NOT_CERTIFIED_WEIGHT * counts.not_certified
    return Rates(
        students=n,
        marks=marks,
        average_mark=sum_weighted / sum_weights if sum_weights else None,
        pass_rate=(g[5] + g[4] + g[3]) / n if n else None,
        quality_rate=(g[5] + g[4]) / n if n else None,
        degree_of_learning=points / (100 * n) if n else None,
    )


def rates_of_tallies(tallies: Iterable[Tally]) -> tuple[Rates, Counts]:
    """Rates of one subject over the students' tallies."""
    counts = Counts()
    marks, sum_wv, sum_w = 0, 0.0, 0
    for tally in tallies:
        counts.add(result_of(tally))
        marks += tally.marks
        sum_wv += tally.sum_weighted
        sum_w += tally.sum_weights
    return rates_of(counts, marks=marks, sum_weighted=sum_wv, sum_weights=sum_w), counts

"""A term's kind and grade levels, when schedule gave them, decide over the guess from its
length and over the terms of other grades; unknown ones keep the old rules."""

from __future__ import annotations

import uuid
from datetime import date

import pytest

from tabel_journal.service_layer.final_mark_period import (
    KindNotForTerm,
    TermFacts,
    TermNotForGrade,
    period_of,
    require_term_for_grade,
)

YEAR = uuid.uuid4()
LOWER, UPPER = tuple(range(1, 10)), (10, 11)


def term(
    start: date,
    end: date,
    number: int,
    kind: str | None,
    grades: tuple[int, ...] | None,
    closed: bool = False,
) -> TermFacts:
    return TermFacts(uuid.uuid4(), YEAR, number, start, end, closed, kind, grades)


LONG_QUARTER = term(date(2026, 9, 1), date(2027, 1, 20), 1, "quarter", LOWER)  # 142 days
SHORT_HALF = term(date(2026, 9, 1), date(2026, 11, 20), 1, "half_year", UPPER)  # 81 days
Q4 = term(date(2027, 4, 1), date(2027, 5, 26), 4, "quarter", LOWER, closed=True)
H2 = term(date(2027, 1, 9), date(2027, 5, 26), 2, "half_year", UPPER)


def test_the_kind_decides_over_the_length() -> None:
    assert SHORT_HALF.is_half_year is True and LONG_QUARTER.is_half_year is False
    assert period_of("half_year", SHORT_HALF, [SHORT_HALF]).period_id == SHORT_HALF.term_id
    with pytest.raises(KindNotForTerm):
        period_of("half_year", LONG_QUARTER, [LONG_QUARTER])
    unknown_long = term(date(2026, 9, 1), date(2027, 1, 20), 1, None, None)
    assert unknown_long.is_half_year is True, "unknown kind: the old guess"


@pytest.mark.parametrize(
    ("named", "grade", "refused"),
    [
        (LONG_QUARTER, 5, False),
        (LONG_QUARTER, 10, True),
        (SHORT_HALF, 11, False),
        (SHORT_HALF, 9, True),
        (LONG_QUARTER, 0, False),  # the student's grade unknown
        (term(date(2026, 9, 1), date(2026, 10, 25), 1, "quarter", None), 10, False),
    ],
)
def test_term_and_half_year_marks_need_a_term_of_the_students_grade(
    named: TermFacts, grade: int, refused: bool
) -> None:
    for kind in ("term", "half_year"):
        if refused:
            with pytest.raises(TermNotForGrade):
                require_term_for_grade(kind, named, grade)
        else:
            require_term_for_grade(kind, named, grade)
    require_term_for_grade("year", named, grade)  # a year mark names any term of its year


def test_a_year_mark_is_locked_by_the_last_term_of_the_students_grade() -> None:
    terms = [LONG_QUARTER, Q4, SHORT_HALF, H2]
    assert period_of("year", LONG_QUARTER, terms, 10).lock == H2
    assert period_of("exam", SHORT_HALF, terms, 5).lock == Q4
    assert period_of("final", LONG_QUARTER, terms, 0).lock == Q4, "grade unknown: any term"

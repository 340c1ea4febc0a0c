"""The period a final mark belongs to, and the term whose closing locks it, from the mark's
kind — never from whichever term the client names.

- `term`: the named term (a quarter, a trimester or a half-year);
- `half_year`: the named term, which must be a half-year;
- `year`, `exam`, `final`: the academic year of the named term, locked once the last of the
  year's terms for the student's grade level is closed (the named term only says which year).

A term or half-year mark is for a term of the student's grade level: the 2nd quarter of
grades 1..9 is no period of a 10th-grader, whose year is in half-years.

The journal's projection of schedule's terms keeps their kind and grade levels (migration
0008). For a term projected before that, both are unknown: a half-year is then told by its
length, as before (one runs four to five months, a trimester about three, a quarter two and
a half at most), and the term is taken to be for every grade. A term whose dates are unknown
too is not refused on either ground.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from uuid import UUID

TERM_KINDS = frozenset({"term", "half_year"})
YEAR_KINDS = frozenset({"year", "exam", "final"})
HALF_YEAR = "half_year"  # schedule's kind of a half-year term (quarter, trimester, half_year)
HALF_YEAR_MIN_DAYS = 105  # 15 weeks: longer than any trimester, shorter than any half-year


@dataclass(frozen=True)
class TermFacts:
    term_id: UUID
    academic_year_id: UUID | None
    number: int
    starts_on: date | None
    ends_on: date | None
    closed: bool
    kind: str | None = None  # quarter | trimester | half_year; None: unknown
    grade_levels: tuple[int, ...] | None = None  # None (or empty): unknown

    @property
    def is_half_year(self) -> bool | None:
        """None when neither the term's kind nor its dates are known."""
        if self.kind is not None:
            return self.kind == HALF_YEAR
        if self.starts_on is None or self.ends_on is None:
            return None
        return (self.ends_on - self.starts_on).days + 1 >= HALF_YEAR_MIN_DAYS

    def is_for_grade(self, grade_level: int | None) -> bool | None:
        """None when the term's grade levels or the student's grade level are unknown."""
        if not self.grade_levels or not grade_level:
            return None
        return grade_level in self.grade_levels


@dataclass(frozen=True)
class Period:
    kind: str
    period_id: UUID
    term_id: UUID | None  # set for term and half-year marks
    academic_year_id: UUID | None
    lock: TermFacts  # closed: the mark needs a permit for this term and a reason


class PeriodRefused(ValueError):
    """The named term cannot hold the mark: `field` of the request and the error's `code`."""

    field = "term_id"
    code = ""


class KindNotForTerm(PeriodRefused):
    """A half-year mark named a term that is not a half-year."""

    field = "kind"
    code = "kind_not_for_term"


class TermNotForGrade(PeriodRefused):
    """A term or half-year mark named a term of other grade levels than the student's."""

    code = "term_not_for_grade"


def period_of(
    kind: str,
    named: TermFacts,
    year_terms: Sequence[TermFacts],
    grade_level: int | None = None,
) -> Period:
    """`year_terms`: the terms of the named term's academic year (the named one among them);
    `grade_level`: the student's (None or 0: unknown)."""
    if kind in TERM_KINDS:
        if kind == "half_year" and named.is_half_year is False:
            raise KindNotForTerm(kind)
        return Period(kind, named.term_id, named.term_id, named.academic_year_id, named)
    if named.academic_year_id is None:  # a term projected without its year: it stands for it
        return Period(kind, named.term_id, None, None, named)
    own = [t for t in year_terms if t.is_for_grade(grade_level) is not False]
    lock = last_term(own or year_terms)
    return Period(kind, named.academic_year_id, None, named.academic_year_id, lock)


def require_term_for_grade(kind: str, named: TermFacts, grade_level: int | None) -> None:
    """A term or half-year mark is set for a term of the student's grade level. A year mark
    may name any term of its year, as before: the term only says which year it is."""
    if kind in TERM_KINDS and named.is_for_grade(grade_level) is False:
        raise TermNotForGrade(kind)


def last_term(terms: Sequence[TermFacts]) -> TermFacts:
    """The term that ends the year; of terms ending the same day (quarters of the lower grades
    and half-years of the upper ones, when the grades are unknown), a closed one: the year is
    over for someone."""
    return max(terms, key=lambda t: (t.ends_on or date.min, t.closed, t.number))

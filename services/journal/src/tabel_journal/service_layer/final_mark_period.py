"""The period a final mark belongs to, and the term whose closing locks it, from the mark's
kind — never from whichever term the client names.

- `term`: the named term (a quarter, a trimester or a half-year);
- `half_year`: the named term, which must be a half-year;
- `year`, `exam`, `final`: the academic year of the named term, locked once the year's last
  term is closed (the named term only says which year).

The journal's projection of schedule's terms keeps their dates but not their kind
(quarter / trimester / half-year), so a half-year is told by its length: one runs four to
five months, a trimester about three, a quarter two and a half at most. A term whose dates
are unknown is not refused on that ground.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from uuid import UUID

TERM_KINDS = frozenset({"term", "half_year"})
YEAR_KINDS = frozenset({"year", "exam", "final"})
HALF_YEAR_MIN_DAYS = 105  # 15 weeks: longer than any trimester, shorter than any half-year


@dataclass(frozen=True)
class TermFacts:
    term_id: UUID
    academic_year_id: UUID | None
    number: int
    starts_on: date | None
    ends_on: date | None
    closed: bool

    @property
    def is_half_year(self) -> bool | None:
        """None when the term's dates are unknown."""
        if self.starts_on is None or self.ends_on is None:
            return None
        return (self.ends_on - self.starts_on).days + 1 >= HALF_YEAR_MIN_DAYS


@dataclass(frozen=True)
class Period:
    kind: str
    period_id: UUID
    term_id: UUID | None  # set for term and half-year marks
    academic_year_id: UUID | None
    lock: TermFacts  # closed: the mark needs a permit for this term and a reason


class KindNotForTerm(ValueError):
    """A half-year mark named a term that is not a half-year."""


def period_of(kind: str, named: TermFacts, year_terms: Sequence[TermFacts]) -> Period:
    """`year_terms`: the terms of the named term's academic year (the named one among them)."""
    if kind in TERM_KINDS:
        if kind == "half_year" and named.is_half_year is False:
            raise KindNotForTerm(kind)
        return Period(kind, named.term_id, named.term_id, named.academic_year_id, named)
    if named.academic_year_id is None:  # a term projected without its year: it stands for it
        return Period(kind, named.term_id, None, None, named)
    return Period(kind, named.academic_year_id, None, named.academic_year_id, last_term(year_terms))


def last_term(terms: Sequence[TermFacts]) -> TermFacts:
    """The term that ends the year; of terms ending the same day (quarters of the lower grades
    and half-years of the upper ones), a closed one: the year is over for someone."""
    return max(terms, key=lambda t: (t.ends_on or date.min, t.closed, t.number))

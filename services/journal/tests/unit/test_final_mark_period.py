"""The period and the locking term of a final mark follow from its kind."""

from __future__ import annotations

import uuid
from datetime import date

import pytest

from tabel_journal.service_layer.final_mark_period import (
    KindNotForTerm,
    TermFacts,
    last_term,
    period_of,
)

YEAR = uuid.uuid4()


def term(start: date | None, end: date | None, number: int, closed: bool = False) -> TermFacts:
    return TermFacts(uuid.uuid4(), YEAR, number, start, end, closed)


Q1 = term(date(2026, 9, 1), date(2026, 10, 25), 1)
Q4 = term(date(2027, 4, 1), date(2027, 5, 26), 4, closed=True)
H1 = term(date(2026, 9, 1), date(2026, 12, 28), 1)
H2 = term(date(2027, 1, 9), date(2027, 5, 26), 2)
TRIMESTER = term(date(2026, 9, 1), date(2026, 11, 30), 1)


@pytest.mark.parametrize("kind", ["year", "exam", "final"])
def test_year_marks_belong_to_the_year_and_are_locked_by_its_last_term(kind: str) -> None:
    p = period_of(kind, Q1, [Q1, Q4])
    assert (p.period_id, p.term_id, p.academic_year_id) == (YEAR, None, YEAR)
    assert p.lock == Q4 and p.lock.closed


def test_a_term_mark_belongs_to_its_term_whatever_its_length() -> None:
    for named in (Q1, H1, TRIMESTER):
        p = period_of("term", named, [named])
        assert (p.period_id, p.term_id, p.lock) == (named.term_id, named.term_id, named)


def test_a_half_year_mark_needs_a_half_year() -> None:
    assert period_of("half_year", H2, [H1, H2]).period_id == H2.term_id
    for named in (Q1, TRIMESTER):
        with pytest.raises(KindNotForTerm):
            period_of("half_year", named, [named])
    undated = term(None, None, 1)
    assert period_of("half_year", undated, [undated]).lock == undated


def test_of_terms_ending_the_year_together_a_closed_one_locks_it() -> None:
    assert last_term([Q1, H2, Q4]) == Q4
    assert last_term([Q1, Q4, H2]) == Q4
    open_q4 = term(date(2027, 4, 1), date(2027, 5, 26), 4)
    assert last_term([H1, open_q4]) == open_q4


def test_a_term_without_a_year_stands_for_it() -> None:
    orphan = TermFacts(uuid.uuid4(), None, 1, None, None, False)
    p = period_of("year", orphan, [orphan])
    assert p.period_id == orphan.term_id and p.lock == orphan


def test_a_final_marks_answer_writes_times_in_iso_8601() -> None:
    from datetime import UTC, date, datetime
    from uuid import uuid4

    from tabel_journal.service_layer.final_mark_slot import as_json

    at, mark_id = datetime(2026, 12, 5, 11, 30, tzinfo=UTC), uuid4()
    answer = as_json({"final_mark_id": mark_id, "set_at": at, "on": date(2026, 12, 5),
                      "version": 2, "deleted": False, "term_id": None})  # fmt: skip
    assert answer == {
        "final_mark_id": str(mark_id), "set_at": "2026-12-05T11:30:00+00:00",
        "on": "2026-12-05", "version": 2, "deleted": False, "term_id": None,
    }  # fmt: skip

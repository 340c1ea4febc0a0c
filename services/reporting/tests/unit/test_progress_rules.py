"""The per-student result rule and the rates, without a database."""

from __future__ import annotations

from pytest import approx

from tabel_reporting.domain.analytics import MIN_GROUP_STUDENTS, group_rates
from tabel_reporting.domain.progress import Outcome, Tally, rates_of_tallies, result_of


def test_a_half_rounds_up_in_the_students_favour_and_one_counts_as_two() -> None:
    assert result_of(Tally(2, 7.0, 2)).grade == 4  # 3.5
    assert result_of(Tally(3, 7.4, 3)).grade == 2  # 2.47
    assert result_of(Tally(1, 1.0, 1)).grade == 2
    assert result_of(Tally(0, 0, 0, final="1")).grade == 2


def test_final_mark_wins_and_special_marks_decide_without_grades() -> None:
    assert result_of(Tally(2, 6.0, 2, final="5")) == result_of(Tally(final="5"))
    assert result_of(Tally(specials=("осв",))).outcome is Outcome.EXEMPT
    assert result_of(Tally(specials=("н/а",))).outcome is Outcome.NOT_CERTIFIED
    assert result_of(Tally(final="not_certified")).outcome is Outcome.NOT_CERTIFIED
    assert result_of(Tally(specials=("зч",))).outcome is Outcome.PASS_FAIL
    assert result_of(Tally(1, 4.0, 1, specials=("осв",))).grade == 4, "grades come first"
    assert result_of(Tally()).outcome is Outcome.NO_MARKS


def test_exempt_and_unmarked_students_are_not_in_n() -> None:
    rates, counts = rates_of_tallies(
        [
            Tally(1, 5.0, 1),
            Tally(1, 2.0, 1),
            Tally(specials=("осв",)),
            Tally(),
            Tally(specials=("н/а",)),
        ]
    )
    assert rates.students == 3 and (counts.exempt, counts.no_marks) == (1, 1)
    assert rates.pass_rate == approx(1 / 3)
    assert rates.degree_of_learning == approx((100 + 16 + 7) / 300)
    assert rates.average_mark == approx(3.5)


def test_groups_under_five_students_show_no_figures() -> None:
    small = group_rates(
        {"school_name": "Школа"},
        students=MIN_GROUP_STUDENTS - 1,
        n5=4,
        n4=0,
        n3=0,
        n2=0,
        n_na=0,
        sum_weighted=20,
        sum_weights=4,
    )
    assert small.suppressed and small.rates is None
    enough = group_rates(
        {},
        students=MIN_GROUP_STUDENTS,
        n5=5,
        n4=0,
        n3=0,
        n2=0,
        n_na=0,
        sum_weighted=25,
        sum_weights=5,
    )
    assert not enough.suppressed and enough.rates and enough.rates.quality_rate == 1.0

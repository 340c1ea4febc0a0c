"""An average below every threshold of the school is never rounded up to the lowest listed
mark: on the five-point scale it suggests a "2" (the usual rounding goes on below the school's
thresholds), and the forecast's next mark is the lowest threshold's."""

from __future__ import annotations

import pytest

from tabel_journal.domain.grading import Average, Scale, forecast, suggest, thresholds_for

SCHOOL = {"five_point": [[4.6, "5"], [3.6, "4"], [2.6, "3"]]}


def avg(weighted: float, weight_sum: int = 4) -> Average:
    return Average(weighted, weighted, weight_sum, weight_sum, 0)


@pytest.mark.parametrize(
    ("weighted", "expected"),
    [(2.0, "2"), (1.0, "2"), (2.59, "2"), (2.6, "3"), (3.6, "4"), (4.59, "4"), (4.6, "5")],
)
def test_below_the_schools_lowest_threshold_is_the_lowest_mark(
    weighted: float, expected: str
) -> None:
    assert suggest(weighted, thresholds_for(Scale.FIVE_POINT, SCHOOL)) == expected


def test_the_floor_is_the_scales_lowest_final_mark() -> None:
    assert suggest(2.0, thresholds_for(Scale.FIVE_POINT, {})) == "2"
    assert thresholds_for(Scale.FIVE_POINT, SCHOOL)[-1] == (0.0, "2")


def test_below_the_schools_thresholds_the_usual_rounding_goes_on() -> None:
    """On ten- and hundred-point scales there is more than one mark below a pass."""
    ten = {"ten_point": [[8.5, "9"], [6.5, "7"], [4.5, "5"], [2.6, "3"]]}
    assert suggest(2.4, thresholds_for(Scale.TEN_POINT, ten)) == "2"
    assert suggest(1.2, thresholds_for(Scale.TEN_POINT, ten)) == "1"
    assert suggest(2.55, thresholds_for(Scale.TEN_POINT, ten)) == "2", "not rounded up to a pass"
    hundred = {"hundred_point": [[89.5, "90"], [49.5, "50"]]}
    assert suggest(10.2, thresholds_for(Scale.HUNDRED_POINT, hundred)) == "10"
    assert suggest(49.2, thresholds_for(Scale.HUNDRED_POINT, hundred)) == "49"


def test_a_school_that_lists_its_lowest_mark_keeps_its_own_thresholds() -> None:
    listed = {"five_point": [[4.6, "5"], [3.6, "4"], [2.6, "3"], [1.5, "2"], [0, "1"]]}
    assert thresholds_for(Scale.FIVE_POINT, listed)[-1] == (0.0, "1")
    assert suggest(1.2, thresholds_for(Scale.FIVE_POINT, listed)) == "1"
    assert suggest(1.6, thresholds_for(Scale.FIVE_POINT, listed)) == "2"


def test_the_forecast_below_every_threshold_points_at_the_lowest_threshold() -> None:
    fc = forecast(Scale.FIVE_POINT, avg(2.0), thresholds_for(Scale.FIVE_POINT, SCHOOL), 3)
    assert (fc.suggested, fc.next_mark, fc.needed_threshold) == ("2", "3", 2.6)
    # (8 + 5n) / (4 + n) >= 2.6: n = 1 five of weight 1.
    assert fc.top_marks_needed == 1


def test_the_forecast_between_thresholds_and_at_the_top() -> None:
    between = forecast(Scale.FIVE_POINT, avg(3.0), thresholds_for(Scale.FIVE_POINT, SCHOOL), 3)
    assert (between.suggested, between.next_mark, between.needed_threshold) == ("3", "4", 3.6)
    top = forecast(Scale.FIVE_POINT, avg(4.8), thresholds_for(Scale.FIVE_POINT, SCHOOL), 3)
    assert (top.suggested, top.next_mark) == ("5", None)


def test_the_next_mark_is_never_the_suggested_one() -> None:
    doubled = {"five_point": [[4.6, "5"], [4.4, "5"], [3.6, "4"]]}
    fc = forecast(Scale.FIVE_POINT, avg(4.5), thresholds_for(Scale.FIVE_POINT, doubled), 3)
    assert (fc.suggested, fc.next_mark) == ("5", None)

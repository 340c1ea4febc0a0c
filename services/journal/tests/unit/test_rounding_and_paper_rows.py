"""Pure checks: a school's rounding thresholds; a paper journal's CSV that is no journal."""

from __future__ import annotations

import math
from datetime import date

import pytest

import tabel_journal.i18n  # noqa: F401  (registers the messages)
from tabel_journal.domain.grading import Scale, suggest, thresholds_for
from tabel_journal.domain.paper_rows import parse
from tabel_journal.domain.rounding import rounding_problems

FIVE = [[4.5, "5"], [3.5, "4"], [2.5, "3"], [0.0, "2"]]


def codes(rounding: dict[str, list[list[object]]]) -> list[tuple[str, str]]:
    return [(p.path, p.code) for p in rounding_problems(rounding)]


def test_the_seeds_thresholds_and_a_stricter_school_pass() -> None:
    assert codes({"five_point": FIVE}) == []
    assert codes({"five_point": [[4.8, "5"], [3.8, "4"], [2.8, "3"]]}) == []
    assert codes({"hundred_point": [[89.5, "90"], [49.5, "50"], [0, "0"]]}) == []
    assert codes({"five_point": []}) == [], "no thresholds: the defaults"


@pytest.mark.parametrize(
    ("pairs", "expected"),
    [
        ([[math.nan, "5"], *FIVE[1:]], [("rounding.five_point.0.0", "threshold_not_finite")]),
        ([[math.inf, "5"], *FIVE[1:]], [("rounding.five_point.0.0", "threshold_not_finite")]),
        ([[4.0, "5"], *FIVE[1:]], [("rounding.five_point.0.0", "threshold_out_of_range")]),
        ([[5.5, "5"], *FIVE[1:]], [("rounding.five_point.0.0", "threshold_out_of_range")]),
        ([*FIVE[:3], [-0.5, "2"]], [("rounding.five_point.3.0", "threshold_out_of_range")]),
        ([[4.5, "6"], *FIVE[1:]], [("rounding.five_point.0.1", "value_out_of_scale")]),
        ([[4.5, "²"], *FIVE[1:]], [("rounding.five_point.0.1", "value_out_of_scale")]),
        ([*FIVE, [0, "нз"]], [("rounding.five_point.4.1", "value_out_of_scale")]),
        ([*FIVE[:3], [0.5, "2"], [1, "1"]], [("rounding.five_point", "rounding_not_descending")]),
        ([[4.5, "5"], [3.5, "4"]], [("rounding.five_point", "rounding_incomplete")]),
    ],
)
def test_thresholds_that_would_mislead_the_suggestion_are_named(
    pairs: list[list[object]], expected: list[tuple[str, str]]
) -> None:
    assert codes({"five_point": pairs}) == expected
    assert all(p.message_key for p in rounding_problems({"five_point": pairs}))


def test_a_valid_set_never_suggests_more_than_the_average_justifies() -> None:
    school = {"five_point": [[4.6, "5"], [3.6, "4"], [2.6, "3"], [0, "2"]]}
    assert codes(school) == []
    thresholds = thresholds_for(Scale.FIVE_POINT, school)
    for tenth in range(10, 51):
        average, mark = tenth / 10, int(suggest(tenth / 10, thresholds) or 0)
        assert mark < 3 or average > mark - 1, (average, mark)  # a pass is earned


def test_no_rounding_on_scales_without_an_average() -> None:
    assert codes({"pass_fail": [[0.5, "pass"]]}) == [("rounding.pass_fail", "rounding_not_numeric")]


@pytest.mark.parametrize(
    ("data", "row", "code"),
    [
        (b"", 1, "empty"),
        (b"lesson_id;student_id;kind;value\n", 1, "empty"),
        (b"lesson_id\nx\n", 1, "missing_columns"),
        ("lesson_id;student_id;kind;value\nб".encode("cp1251"), 2, "not_utf8"),
        (b"lesson_id;student_id;kind;value\n\x00", 2, "not_text"),
        (b"lesson_id;student_id;kind;value\n" + b"x" * 20_000, 2, "line_too_long"),
        (b'lesson_id;student_id;kind;value\nx;"' + b"y\n" * 70_000, 2, "invalid_format"),
        (b"lesson_id;student_id;kind;value\na;b;c;d;e\n", 2, "extra_cells"),
    ],
)
def test_a_file_that_is_no_journal_is_a_problem_not_an_exception(
    data: bytes, row: int, code: str
) -> None:
    rows, problems = parse(data, today=date(2026, 12, 1))
    assert rows == []
    assert [(p["row"], p["code"]) for p in problems] == [(row, code)]
    assert not str(problems[0]["message"]).startswith("journal.")

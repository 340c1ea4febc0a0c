"""Pure rules: scales, special marks, averages, rounding thresholds, access decisions."""

from __future__ import annotations

import uuid

import pytest

from tabel_journal.domain.access import (
    Action,
    Assignment,
    Facts,
    LessonScope,
    may_on_lesson,
    may_see_student,
)
from tabel_journal.domain.grading import (
    InvalidMark,
    Scale,
    average,
    suggest,
    thresholds_for,
    validate_value,
)
from tabel_journal.domain.rules import Rules


@pytest.mark.parametrize(
    ("scale", "ok", "bad"),
    [
        (Scale.FIVE_POINT, "5", "6"),
        (Scale.TEN_POINT, "10", "11"),
        (Scale.HUNDRED_POINT, "0", "101"),
        (Scale.PASS_FAIL, "pass", "5"),
    ],
)
def test_scales_accept_their_values_only(scale: Scale, ok: str, bad: str) -> None:
    assert validate_value(scale, ok) == ok
    with pytest.raises(InvalidMark):
        validate_value(scale, bad)


def test_special_marks_count_as_the_rules_say() -> None:
    avg = average(Scale.FIVE_POINT, [("5", 1), ("н/а", 1), ("осв", 1), ("зч", 1), ("нз", 1)])
    assert avg.simple == 3.0 and avg.count == 2 and avg.debts == 1  # нз weighs as 1


def test_school_thresholds_decide_rounding() -> None:
    school = {"five_point": [[4.6, "5"], [3.6, "4"], [2.6, "3"], [0, "2"]]}
    assert suggest(4.55, thresholds_for(Scale.FIVE_POINT, school)) == "4"
    assert suggest(4.55, thresholds_for(Scale.FIVE_POINT, {})) == "5"
    assert suggest(7.5, thresholds_for(Scale.TEN_POINT, {})) == "8"


def test_grade_one_gets_no_marks_and_a_subject_rule_wins() -> None:
    subject = uuid.uuid4()
    rules = Rules.from_doc(
        {
            "scales": [
                {"scale": "none", "grade_levels": [1]},
                {"scale": "ten_point"},
                {"scale": "pass_fail", "subject_id": str(subject)},
            ]
        }
    )
    assert rules.scale_for(uuid.uuid4(), 1) is Scale.NONE
    assert rules.scale_for(uuid.uuid4(), 7) is Scale.TEN_POINT
    assert rules.scale_for(subject, 7) is Scale.PASS_FAIL


def test_a_teacher_of_a_study_group_reaches_only_that_groups_lessons() -> None:
    me, subject, klass, group, other = (uuid.uuid4() for _ in range(5))
    facts = Facts(
        person_id=me, roles=frozenset({"teacher"}), assignments=(Assignment(subject, klass, group),)
    )
    mine = LessonScope(uuid.uuid4(), subject, frozenset({klass}), frozenset({group}))
    theirs = LessonScope(uuid.uuid4(), subject, frozenset({klass}), frozenset({other}))
    assert may_on_lesson(facts, mine, Action.WRITE)
    assert not may_on_lesson(facts, theirs, Action.READ)
    assert not may_on_lesson(
        Facts(person_id=me, assignments=facts.assignments), mine, Action.READ
    ), "no grant"


def test_a_guardian_without_the_role_grant_sees_nothing() -> None:
    child, klass = uuid.uuid4(), uuid.uuid4()
    facts = Facts(person_id=uuid.uuid4(), children=frozenset({child}))
    assert not may_see_student(facts, child, frozenset({klass}))
    assert may_see_student(
        Facts(person_id=facts.person_id, roles=frozenset({"guardian"}), children=facts.children),
        child,
        frozenset({klass}),
    )

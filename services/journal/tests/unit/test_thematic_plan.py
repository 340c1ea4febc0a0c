"""A thematic plan's items are checked whole; only its subject teacher writes it."""

from __future__ import annotations

import uuid

from tabel_journal.domain.access import (
    Assignment,
    Facts,
    may_read_plan,
    may_read_unit_plans,
    may_write_plan,
)
from tabel_journal.domain.thematic_plan import PlanItem, item_errors


def test_every_problem_of_a_plan_is_named_by_its_field() -> None:
    same = uuid.uuid4()
    items = [
        PlanItem(1, "Дроби", item_id=same),
        PlanItem(1, "", 0, item_id=same),
        PlanItem(0, "x" * 501, 10),
    ]
    assert item_errors(items) == [
        ("items.1.number", "duplicate_plan_item_number"),
        ("items.1.topic", "plan_topic_required"),
        ("items.1.hours", "plan_hours_out_of_range"),
        ("items.1.id", "duplicate_plan_item_id"),
        ("items.2.number", "plan_item_number_invalid"),
        ("items.2.topic", "plan_topic_too_long"),
    ]
    assert item_errors([PlanItem(n, "т") for n in range(1, 302)]) == [
        ("items", "too_many_plan_items")
    ]
    assert item_errors([PlanItem(n, "т") for n in range(1, 301)]) == []


def test_the_subject_teacher_writes_a_plan_and_the_class_teacher_only_reads_it() -> None:
    subject, cls, other = uuid.uuid4(), uuid.uuid4(), uuid.uuid4()
    teacher = Facts(
        person_id=uuid.uuid4(),
        roles=frozenset({"teacher"}),
        assignments=(Assignment(subject, cls, None),),
    )
    lead = Facts(
        person_id=uuid.uuid4(), roles=frozenset({"teacher"}), class_teacher_of=frozenset({cls})
    )
    mine = frozenset({cls})
    assert may_write_plan(teacher, subject, mine, frozenset())
    assert not may_write_plan(teacher, subject, frozenset({other}), frozenset())
    assert not may_write_plan(teacher, uuid.uuid4(), mine, frozenset())
    assert not may_write_plan(lead, subject, mine, frozenset())
    assert may_read_plan(lead, subject, mine, frozenset())
    assert not may_read_plan(lead, subject, frozenset({other}), frozenset())


def test_before_any_plan_the_class_is_readable_to_those_who_would_read_its_plans() -> None:
    cls, other, me = uuid.uuid4(), uuid.uuid4(), uuid.uuid4()
    math = Assignment(subject_id=uuid.uuid4(), class_id=cls)
    teacher = Facts(person_id=me, roles=frozenset({"teacher"}), assignments=(math,))
    leader = Facts(person_id=me, roles=frozenset({"teacher"}), class_teacher_of=frozenset({cls}))
    director = Facts(person_id=me, roles=frozenset({"director"}))
    stranger = Facts(person_id=me, roles=frozenset({"teacher"}))
    guardian = Facts(person_id=me, roles=frozenset({"guardian"}))
    here, none = frozenset({cls}), frozenset[uuid.UUID]()
    assert all(may_read_unit_plans(f, here, none) for f in (teacher, leader, director))
    assert not may_read_unit_plans(teacher, frozenset({other}), none), "another class"
    assert not any(may_read_unit_plans(f, here, none) for f in (stranger, guardian))

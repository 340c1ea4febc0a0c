"""A thematic plan's items are checked whole; only its subject teacher writes it."""

from __future__ import annotations

import uuid

from tabel_journal.domain.access import Assignment, Facts, may_read_plan, may_write_plan
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

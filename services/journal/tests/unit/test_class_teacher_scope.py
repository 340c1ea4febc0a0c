"""When a class teacher's write to a lesson is limited to their own pupils, and who may change
a reason the class teacher corrected: the pure rules of domain/access.py."""

from __future__ import annotations

import uuid
from dataclasses import replace

from tabel_journal.domain.access import (
    Action,
    Assignment,
    Facts,
    LessonScope,
    may_on_lesson,
    may_override_corrected_reason,
    writes_as_class_teacher_only,
)

HISTORY, CLASS_A, CLASS_B = uuid.uuid4(), uuid.uuid4(), uuid.uuid4()
JOINT = LessonScope(
    lesson_id=uuid.uuid4(), subject_id=HISTORY, class_ids=frozenset({CLASS_A, CLASS_B})
)
LEADS_A = Facts(
    person_id=uuid.uuid4(), roles=frozenset({"teacher"}), class_teacher_of=frozenset({CLASS_A})
)


def test_leading_one_class_of_a_joint_lesson_writes_it_as_class_teacher_only() -> None:
    assert may_on_lesson(LEADS_A, JOINT, Action.WRITE), "the topic is the class teacher's too"
    assert writes_as_class_teacher_only(LEADS_A, JOINT)
    assert LEADS_A.led(JOINT.class_ids) == {CLASS_A}


def test_teaching_the_lesson_lifts_the_limit() -> None:
    teaching = replace(LEADS_A, assignments=(Assignment(HISTORY, CLASS_A),))
    assert not writes_as_class_teacher_only(teaching, JOINT)
    substituting = replace(JOINT, substitute_teacher_id=LEADS_A.person_id)
    assert not writes_as_class_teacher_only(LEADS_A, substituting)


def test_a_scoped_class_teacher_grant_counts_as_leading() -> None:
    scoped = Facts(person_id=uuid.uuid4(), class_roles=frozenset({("class_teacher", CLASS_B)}))
    assert scoped.led(JOINT.class_ids) == {CLASS_B} and writes_as_class_teacher_only(scoped, JOINT)
    assert not Facts(person_id=uuid.uuid4()).led(JOINT.class_ids)


def test_only_the_pupils_class_teacher_or_management_override_a_corrected_reason() -> None:
    own, other = uuid.uuid4(), uuid.uuid4()
    assert may_override_corrected_reason(LEADS_A, own, frozenset({own}))
    assert not may_override_corrected_reason(LEADS_A, other, frozenset({own}))
    director = Facts(person_id=uuid.uuid4(), roles=frozenset({"director"}))
    assert may_override_corrected_reason(director, other, frozenset())

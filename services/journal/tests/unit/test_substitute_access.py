"""The substitute's rights on a lesson, as the pure access rule decides them."""

from __future__ import annotations

import uuid
from dataclasses import replace

import pytest

from tabel_journal.domain.access import Action, Assignment, Facts, LessonScope, may_on_lesson

SUBJECT, CLASS, OTHER_CLASS = uuid.uuid4(), uuid.uuid4(), uuid.uuid4()
REGULAR, SUBSTITUTE = uuid.uuid4(), uuid.uuid4()
LESSON = LessonScope(
    lesson_id=uuid.uuid4(), subject_id=SUBJECT, class_ids=frozenset({CLASS}), teacher_id=REGULAR
)
# A teacher of another class: no assignment, no class of theirs in this lesson.
SUB = Facts(
    person_id=SUBSTITUTE,
    roles=frozenset({"teacher"}),
    assignments=(Assignment(SUBJECT, OTHER_CLASS),),
)
OWN = Facts(
    person_id=REGULAR, roles=frozenset({"teacher"}), assignments=(Assignment(SUBJECT, CLASS),)
)


@pytest.mark.parametrize("action", [Action.READ, Action.WRITE])
def test_substitute_reads_and_writes_only_while_substituting(action: Action) -> None:
    assert not may_on_lesson(SUB, LESSON, action)
    substituted = replace(LESSON, substitute_teacher_id=SUBSTITUTE)
    assert may_on_lesson(SUB, substituted, action)
    ended = replace(substituted, substitute_teacher_id=None)
    assert not may_on_lesson(SUB, ended, action)


def test_substitution_gives_no_more_than_the_lesson() -> None:
    substituted = replace(LESSON, substitute_teacher_id=SUBSTITUTE)
    assert not may_on_lesson(SUB, substituted, Action.CORRECT_REASONS)
    assert not may_on_lesson(SUB, substituted, Action.SET_FINAL)
    another = replace(LESSON, lesson_id=uuid.uuid4())
    assert not may_on_lesson(SUB, another, Action.WRITE)


def test_substitute_needs_a_teacher_grant() -> None:
    """A person named as substitute without a teacher grant (revoked, or never given) gets
    nothing: schedule's event alone is not a grant."""
    substituted = replace(LESSON, substitute_teacher_id=SUBSTITUTE)
    assert not may_on_lesson(replace(SUB, roles=frozenset()), substituted, Action.WRITE)


def test_the_lessons_own_teacher_keeps_the_journal_through_a_substitution() -> None:
    """The regular teacher is not locked out while substituted (to correct their own entries);
    the substitution changes who is recorded as teaching, not their assignment."""
    for substitute in (SUBSTITUTE, None):
        assert may_on_lesson(OWN, replace(LESSON, substitute_teacher_id=substitute), Action.WRITE)

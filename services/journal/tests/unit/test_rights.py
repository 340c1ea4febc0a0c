"""The journal's copy of identity's role defaults, and effective rights in access decisions."""

from __future__ import annotations

import uuid

from tabel_identity.domain import permissions as identity
from tabel_journal.domain import rights
from tabel_journal.domain.access import (
    Action,
    Assignment,
    Facts,
    LessonScope,
    may_on_lesson,
    may_see_student,
    may_set_final,
    refused_part,
)

SUBJECT, CLASS, OTHER = uuid.uuid4(), uuid.uuid4(), uuid.uuid4()
LESSON = LessonScope(lesson_id=uuid.uuid4(), subject_id=SUBJECT, class_ids=frozenset({CLASS}))


def test_defaults_equal_identitys_catalogue_for_the_journals_permissions() -> None:
    """Identity owns the catalogue: with no rights changed, the journal decides as it says."""
    theirs = {
        role.value: frozenset(p for p in perms if p.startswith(rights.PREFIXES))
        for role, perms in identity.DEFAULTS.items()
    }
    assert theirs == rights.DEFAULTS
    assert frozenset().union(*rights.DEFAULTS.values()) <= set(identity.CATALOGUE)


def test_a_role_narrowed_in_the_school_keeps_the_relationship_but_loses_the_part() -> None:
    me = uuid.uuid4()
    teacher = Facts(
        person_id=me, roles=frozenset({"teacher"}), assignments=(Assignment(SUBJECT, CLASS),)
    )
    assert may_on_lesson(teacher, LESSON, Action.WRITE)
    narrowed = Facts(
        person_id=me,
        roles=teacher.roles,
        assignments=teacher.assignments,
        role_rights={"teacher": rights.DEFAULTS["teacher"] - {rights.MARK_WRITE}},
    )
    assert may_on_lesson(narrowed, LESSON, Action.WRITE)
    both = {"record": True, "marks": True, "attendance": False, "reasons": False}
    assert refused_part(narrowed, **both) == "mark_write_forbidden"
    assert refused_part(teacher, **both) is None
    assert may_set_final(narrowed, SUBJECT, frozenset({CLASS}), frozenset()) is None


def test_a_tutor_reads_only_where_their_grant_is_scoped() -> None:
    student = uuid.uuid4()
    tutor = Facts(person_id=uuid.uuid4(), class_roles=frozenset({("tutor", CLASS)}))
    assert may_on_lesson(tutor, LESSON, Action.READ)
    assert not may_on_lesson(tutor, LESSON, Action.WRITE)
    assert may_see_student(tutor, student, frozenset({CLASS}))
    assert not may_see_student(tutor, student, frozenset({OTHER}))
    mute = Facts(
        person_id=tutor.person_id,
        class_roles=tutor.class_roles,
        removed=frozenset({rights.LESSON_READ, rights.DIARY_READ}),
    )
    assert not may_on_lesson(mute, LESSON, Action.READ)
    assert not may_see_student(mute, student, frozenset({CLASS}))
    school_wide = Facts(person_id=tutor.person_id, roles=frozenset({"tutor"}))
    assert not may_on_lesson(school_wide, LESSON, Action.READ)

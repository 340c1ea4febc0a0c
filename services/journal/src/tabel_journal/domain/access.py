"""Who may read and write what in the journal: one pure decision, deny by default.

The facts come from local projections of identity's grants and roster's and schedule's
relationships (seed 002 §4, DESIGN.md "Tenancy and access"). Nothing here touches a
database or a framework, so every rule is unit-tested on plain values.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from uuid import UUID

MANAGEMENT = frozenset({"director", "deputy_director"})


class Action(StrEnum):
    READ = "read"
    WRITE = "write"
    CORRECT_REASONS = "correct_reasons"  # absence reasons: the class teacher (seed 002 2.9)
    SET_FINAL = "set_final"


@dataclass(frozen=True)
class Assignment:
    subject_id: UUID
    class_id: UUID
    study_group_id: UUID | None = None


@dataclass(frozen=True)
class Facts:
    """What the journal knows about one person in one school."""

    person_id: UUID
    roles: frozenset[str] = frozenset()  # school-wide grants
    class_roles: frozenset[tuple[str, UUID]] = frozenset()  # grants scoped to a class
    assignments: tuple[Assignment, ...] = ()
    class_teacher_of: frozenset[UUID] = frozenset()
    children: frozenset[UUID] = frozenset()

    @property
    def is_management(self) -> bool:
        return bool(self.roles & MANAGEMENT)

    @property
    def is_teacher(self) -> bool:
        return "teacher" in self.roles or "class_teacher" in self.roles

    def led(self, class_ids: frozenset[UUID]) -> frozenset[UUID]:
        """Those of `class_ids` the person is class teacher of: by roster's assignment (with a
        teacher grant) or by a class teacher grant scoped to the class."""
        scoped = {cid for role, cid in self.class_roles if role == "class_teacher"}
        by_roster = self.class_teacher_of if self.is_teacher else frozenset()
        return class_ids & (scoped | by_roster)

    def leads(self, class_ids: frozenset[UUID]) -> bool:
        return bool(self.led(class_ids))


@dataclass(frozen=True)
class LessonScope:
    lesson_id: UUID
    subject_id: UUID
    class_ids: frozenset[UUID]
    study_group_ids: frozenset[UUID] = field(default_factory=frozenset)
    teacher_id: UUID | None = None
    substitute_teacher_id: UUID | None = None


def teaches(
    facts: Facts, subject_id: UUID, classes: frozenset[UUID], groups: frozenset[UUID]
) -> bool:
    """An assignment covers the subject for the class, or for one of the study groups."""
    if not facts.is_teacher:
        return False
    for a in facts.assignments:
        if a.subject_id != subject_id:
            continue
        if a.study_group_id is not None and a.study_group_id in groups:
            return True
        if a.study_group_id is None and a.class_id in classes:
            return True
    return False


def teaches_lesson(facts: Facts, lesson: LessonScope) -> bool:
    """The lesson's teacher by assignment, or its substitute."""
    if facts.is_teacher and lesson.substitute_teacher_id == facts.person_id:
        return True
    return teaches(facts, lesson.subject_id, lesson.class_ids, lesson.study_group_ids)


def may_on_lesson(facts: Facts, lesson: LessonScope, action: Action) -> bool:
    """The lesson as a whole. A class teacher's marks and attendance are further limited to
    the pupils of their class (`writes_as_class_teacher_only`)."""
    if action is Action.READ and facts.is_management:
        return True
    if facts.leads(lesson.class_ids):
        return action in (Action.READ, Action.WRITE, Action.CORRECT_REASONS)
    if action not in (Action.READ, Action.WRITE):
        return False
    return teaches_lesson(facts, lesson)


def writes_as_class_teacher_only(facts: Facts, lesson: LessonScope) -> bool:
    """The person may write the lesson only because they lead one of its classes. Its topic
    stays theirs to write, but marks and attendance only of the pupils who were in a class
    they lead on the lesson's date: a joint lesson (5А and 5Б) or a study group mixing
    classes has pupils of another class teacher (seed 002 4.4: «журнал своего класса»)."""
    return facts.leads(lesson.class_ids) and not teaches_lesson(facts, lesson)


def may_override_corrected_reason(
    facts: Facts, student_id: UUID, led_pupils: frozenset[UUID]
) -> bool:
    """An absence reason the class teacher corrected (seed 002 2.9) is changed again only by
    a class teacher of the pupil (`led_pupils`: of the classes the person leads) or
    management; a subject teacher's save keeps it."""
    return facts.is_management or student_id in led_pupils


def may_see_student(facts: Facts, student_id: UUID, student_units: frozenset[UUID]) -> bool:
    """The diary: the student, their guardians, their class teacher, management."""
    if not student_units:  # not a student of this school (or not yet projected)
        return False
    if facts.person_id == student_id and "student" in facts.roles:
        return True
    if student_id in facts.children and "guardian" in facts.roles:
        return True
    return facts.is_management or facts.leads(student_units)


def may_set_final(
    facts: Facts, subject_id: UUID, classes: frozenset[UUID], groups: frozenset[UUID]
) -> str | None:
    """In which capacity the person may set a final mark, or None (seed 002 4.3, 4.4)."""
    if facts.leads(classes):
        return "class_teacher"
    if teaches(facts, subject_id, classes, groups):
        return "subject_teacher"
    return None


def may_manage(facts: Facts) -> bool:
    """School journal rules (scales, weights, rounding) and closed-term permits."""
    return facts.is_management or "administrator" in facts.roles

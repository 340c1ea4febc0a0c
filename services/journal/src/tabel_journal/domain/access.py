"""Who may read and write what in the journal: one pure decision, deny by default.

The facts come from local projections of identity's grants and rights and roster's and
schedule's relationships (seed 002 §4, DESIGN.md "Tenancy and access"). Every decision needs
both the relationship (teaches the lesson, leads the class, guardian of the child,
management ...) and the matching permission of the person's effective rights (`rights`).
Nothing here touches a database or a framework, so every rule is unit-tested on plain values.
"""

from __future__ import annotations

from enum import StrEnum
from uuid import UUID

from tabel_journal.domain import rights as r
from tabel_journal.domain.access_facts import (
    MANAGEMENT,
    OBSERVERS,
    Assignment,
    Facts,
    LessonScope,
)

__all__ = [
    "MANAGEMENT",
    "OBSERVERS",
    "Action",
    "Assignment",
    "Facts",
    "LessonScope",
    "may_change_closed_term",
    "may_manage",
    "may_on_lesson",
    "may_override_corrected_reason",
    "may_read_class",
    "may_read_plan",
    "may_read_taught",
    "may_read_unit_plans",
    "may_see_student",
    "may_set_final",
    "may_submit_homework",
    "may_upload",
    "may_write_plan",
    "refused_part",
    "teaches",
    "teaches_lesson",
    "writes_as_class_teacher_only",
]


class Action(StrEnum):
    READ = "read"
    WRITE = "write"  # some part of the lesson's journal; each part checks its own right
    HOMEWORK = "homework"  # the lesson's homework: written as its topic is
    CORRECT_REASONS = "correct_reasons"  # absence reasons: the class teacher (seed 002 2.9)
    SET_FINAL = "set_final"


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


_NEEDS: dict[Action, frozenset[str]] = {
    Action.READ: frozenset({r.LESSON_READ}),
    Action.WRITE: frozenset({r.LESSON_WRITE, r.MARK_WRITE, r.ATTENDANCE_WRITE}),
    Action.HOMEWORK: frozenset({r.LESSON_WRITE}),
    Action.CORRECT_REASONS: frozenset({r.ABSENCE_REASON_WRITE}),
    Action.SET_FINAL: frozenset({r.FINAL_MARK_WRITE}),
}


def may_on_lesson(facts: Facts, lesson: LessonScope, action: Action) -> bool:
    """The lesson as a whole. A class teacher's marks and attendance are further limited to
    the pupils of their class (`writes_as_class_teacher_only`); each part of a save needs
    its own right (`refused_part`)."""
    if not facts.permissions & _NEEDS[action]:
        return False
    if action is Action.READ and (facts.is_management or facts.observes(lesson.class_ids)):
        return True
    if facts.leads(lesson.class_ids):
        return action is not Action.SET_FINAL
    if action not in (Action.READ, Action.WRITE, Action.HOMEWORK):
        return False
    return teaches_lesson(facts, lesson)


def refused_part(
    facts: Facts, *, record: bool, marks: bool, attendance: bool, reasons: bool
) -> str | None:
    """The first part a save changes without the right to (topic, marks, attendance, a
    reason's correction), as its error code; None when every part is allowed."""
    parts = (
        (record, r.LESSON_WRITE, "topic_forbidden"),
        (marks, r.MARK_WRITE, "mark_write_forbidden"),
        (attendance and not reasons, r.ATTENDANCE_WRITE, "attendance_forbidden"),
        (attendance and reasons, r.ABSENCE_REASON_WRITE, "reason_correction_forbidden"),
    )
    return next((code for changed, need, code in parts if changed and not facts.may(need)), None)


def may_change_closed_term(facts: Facts, permitted: bool) -> bool:
    """A closed term: management's permit lends the person journal.closed_term.write for the
    term; the school's administrator may still take that right from the person."""
    return permitted and r.CLOSED_TERM_WRITE not in facts.removed


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
    """The diary: the student, their guardians, their class teacher, management, a tutor
    scoped to the student or their class."""
    if not student_units or not facts.may(r.DIARY_READ):
        return False  # not a student of this school (or not yet projected), or no right
    if facts.person_id == student_id and "student" in facts.roles:
        return True
    if student_id in facts.children and "guardian" in facts.roles:
        return True
    if facts.observes(student_units | {student_id}):
        return True
    return facts.is_management or facts.leads(student_units)


def may_read_class(facts: Facts, class_ids: frozenset[UUID]) -> bool:
    """Every lesson of the classes: management, their class teacher, a tutor scoped to one."""
    related = facts.is_management or facts.leads(class_ids) or facts.observes(class_ids)
    return related and facts.may(r.LESSON_READ)


def may_read_taught(
    facts: Facts, subject_id: UUID, classes: frozenset[UUID], groups: frozenset[UUID]
) -> bool:
    """The lessons of a subject the person teaches to the classes or groups."""
    return facts.may(r.LESSON_READ) and teaches(facts, subject_id, classes, groups)


def may_set_final(
    facts: Facts, subject_id: UUID, classes: frozenset[UUID], groups: frozenset[UUID]
) -> str | None:
    """In which capacity the person may set a final mark, or None (seed 002 4.3, 4.4).

    The class teacher's right over all subjects of the class is journal.final_mark.write.
    The subject teacher's final mark in their own subject is part of their marking (seed
    002 4.3), and identity's teacher defaults carry journal.mark.write, not
    journal.final_mark.write: either right serves there."""
    if facts.leads(classes) and facts.may(r.FINAL_MARK_WRITE):
        return "class_teacher"
    marking = facts.may(r.FINAL_MARK_WRITE) or facts.may(r.MARK_WRITE)
    if marking and teaches(facts, subject_id, classes, groups):
        return "subject_teacher"
    return None


def may_manage(facts: Facts) -> bool:
    """School journal rules (scales, weights, rounding) and closed-term permits."""
    related = facts.is_management or "administrator" in facts.roles
    return related and facts.may(r.SETTINGS_MANAGE)


def may_submit_homework(facts: Facts, student_id: UUID) -> bool:
    """Handing in homework: the student themselves."""
    own = facts.person_id == student_id and "student" in facts.roles
    return own and facts.may(r.HOMEWORK_SUBMIT)


def may_write_plan(
    facts: Facts, subject_id: UUID, classes: frozenset[UUID], groups: frozenset[UUID]
) -> bool:
    """A thematic plan: the teacher assigned to the class or group and subject (seed 002 2.7)."""
    return facts.may(r.LESSON_WRITE) and teaches(facts, subject_id, classes, groups)


def may_read_plan(
    facts: Facts, subject_id: UUID, classes: frozenset[UUID], groups: frozenset[UUID]
) -> bool:
    """A thematic plan: its teachers, the class teacher, management. `classes`: the plan's
    class, or the classes its study group is taught in."""
    related = (
        facts.is_management or facts.leads(classes) or teaches(facts, subject_id, classes, groups)
    )
    return related and facts.may(r.LESSON_READ)


def may_read_unit_plans(facts: Facts, classes: frozenset[UUID], groups: frozenset[UUID]) -> bool:
    """Whether the person would read a plan of the class or group in some subject (the
    answer when it has none yet): as `may_read_plan`, over the subjects they teach there."""
    related = (
        facts.is_management
        or facts.leads(classes)
        or any(teaches(facts, a.subject_id, classes, groups) for a in facts.assignments)
    )
    return related and facts.may(r.LESSON_READ)


def may_upload(facts: Facts) -> bool:
    """Who gives homework (a teacher, a class teacher by a class grant) or hands it in; what
    a file may then be linked to is checked where it is linked."""
    class_teacher = any(role == "class_teacher" for role, _ in facts.class_roles)
    gives = (facts.is_teacher or class_teacher) and facts.may(r.LESSON_WRITE)
    return gives or ("student" in facts.roles and facts.may(r.HOMEWORK_SUBMIT))

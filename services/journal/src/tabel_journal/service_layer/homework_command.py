"""AssignHomework: what a teacher gives at a lesson, and its checks against that lesson."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any
from uuid import UUID

from tabel_journal.adapters import homework_rows
from tabel_journal.adapters.lesson_context import LessonContext
from tabel_journal.domain.grading import Scale
from tabel_journal.service_layer.entry_changes import field_error
from tabel_journal.service_layer.guards import fail_if
from tabel_platform.errors import InvalidInput


@dataclass(frozen=True)
class AssignHomework:
    lesson_id: UUID
    homework_id: UUID  # made by the client, so a retry never duplicates it
    text: str
    scope: str = "class_wide"  # or "individual"
    student_ids: list[UUID] = field(default_factory=list)
    due_on: date | None = None
    due_lesson_id: UUID | None = None
    submission_required: bool = False
    attachment_ids: list[UUID] = field(default_factory=list)
    reason: str = ""


async def validate(uow: Any, school_id: UUID, ctx: LessonContext, c: AssignHomework) -> None:
    # Seed 004: no marks and no homework in the first grade (nor where the school's scale for
    # the subject and grade is "none": learning without marks).
    scale = ctx.rules.scale_for(ctx.scope.subject_id, ctx.grade_level)
    if ctx.grade_level == 1 or scale is Scale.NONE:
        raise InvalidInput("journal.no_homework_for_grade", code="no_homework_for_grade")
    errors = []
    if c.scope == "individual":
        if not c.student_ids:
            errors.append(field_error("student_ids", "students_required"))
        errors += [
            field_error(f"student_ids.{i}", "student_not_in_lesson")
            for i, sid in enumerate(c.student_ids)
            if sid not in ctx.students
        ]
    elif c.student_ids:
        errors.append(field_error("student_ids", "students_only_individual"))
    if c.due_on is not None and c.due_on < ctx.date:
        errors.append(field_error("due_on", "due_before_lesson"))
    if c.due_lesson_id is not None:
        due = await homework_rows.lesson_brief(
            uow.session, school_id=school_id, lesson_id=c.due_lesson_id
        )
        if due is None or due.subject_id != ctx.scope.subject_id or due.date <= ctx.date:
            errors.append(field_error("due_lesson_id", "due_lesson_invalid"))
    fail_if(errors)

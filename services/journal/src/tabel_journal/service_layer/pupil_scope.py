"""The pupils a class teacher may write on a lesson they do not teach: only those of the
classes they lead (domain/access.py, writes_as_class_teacher_only). A save touching others is
refused whole, naming the request's entries of those pupils by position."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any
from uuid import UUID

from tabel_journal.adapters.history import Change
from tabel_journal.adapters.lesson_context import LedPupils, LessonContext
from tabel_journal.domain.access import Facts, writes_as_class_teacher_only
from tabel_journal.service_layer.entry_changes import field_error
from tabel_journal.service_layer.lesson_journal_command import SaveLessonJournal
from tabel_platform.errors import Forbidden


async def pupil_scope_guard(
    *,
    who: Facts,
    ctx: LessonContext,
    pupils: LedPupils,
    command: SaveLessonJournal,
    marks: Sequence[Change],
    attendance: Sequence[Change],
    marks_now: dict[str, dict[str, Any]],
) -> None:
    """`marks`, `attendance`: the save's history entries; `marks_now`: the stored marks.
    The pupils are asked of the database only for a class teacher without the lesson."""
    if not writes_as_class_teacher_only(who, ctx.scope):
        return
    mine = {str(p) for p in await pupils.get()}
    if others := students_changed([*marks, *attendance]) - mine:
        raise Forbidden(
            "journal.student_of_other_class",
            code="student_of_other_class",
            errors=entries_of(command, others, marks_now),
        )


def students_changed(changes: Sequence[Change]) -> set[str]:
    """Whose marks or attendance the changes touch (a mark moved to another student: both)."""
    return {
        str(side["student_id"])
        for c in changes
        if c.entity in ("mark", "attendance")
        for side in (c.before, c.after)
        if side is not None
    }


def entries_of(
    command: SaveLessonJournal, students: set[str], marks_now: dict[str, dict[str, Any]]
) -> list[dict[str, Any]]:
    """Field errors for the request's entries of `students` (positions, never names)."""

    def of(mark_id: UUID) -> str:
        return str(marks_now.get(str(mark_id), {}).get("student_id"))

    fields = [
        f"marks.{i}.student_id"
        for i, m in enumerate(command.marks)
        if str(m.student_id) in students or of(m.id) in students
    ]
    fields += [
        f"attendance.{i}.student_id"
        for i, a in enumerate(command.attendance)
        if str(a.student_id) in students
    ]
    fields += [
        f"deleted_mark_ids.{i}" for i, d in enumerate(command.deleted_mark_ids) if of(d) in students
    ]
    return [field_error(f, "student_of_other_class") for f in fields]

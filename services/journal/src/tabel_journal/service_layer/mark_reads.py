"""Marks of a student or a class for those allowed: the student, guardians, class teacher and
management; a subject teacher for their subject in their classes."""

from __future__ import annotations

from datetime import date
from typing import Any
from uuid import UUID

from tabel_journal.adapters import facts, mark_queries
from tabel_journal.domain.access import may_read_class, may_read_taught, may_see_student
from tabel_journal.service_layer.lesson_journal import _person
from tabel_platform.auth.principal import Principal
from tabel_platform.errors import Forbidden, InvalidInput
from tabel_platform.runtime import Runtime

MAX_PAGE = 500


async def list_marks(
    *,
    runtime: Runtime,
    school_id: UUID,
    principal: Principal,
    student_id: UUID | None,
    class_id: UUID | None,
    subject_id: UUID | None,
    term_id: UUID | None,
    start: date | None,
    end: date | None,
    page_size: int,
    offset: int,
) -> tuple[list[dict[str, Any]], int | None]:
    if student_id is None and class_id is None:
        raise InvalidInput("journal.student_or_class_required", code="student_or_class_required")
    person = _person(principal)
    size = min(max(page_size or 100, 1), MAX_PAGE)
    async with runtime.uow(school_id=school_id) as uow:
        s = uow.session
        who, units = await facts.load(
            s, school_id=school_id, person_id=person, student_id=student_id, on=end or date.today()
        )
        if student_id is not None:
            allowed = may_see_student(who, student_id, units.all) or (
                subject_id is not None
                and may_read_taught(who, subject_id, units.classes, units.groups)
            )
        else:
            classes = frozenset({class_id}) if class_id else frozenset()
            allowed = may_read_class(who, classes) or (
                subject_id is not None and may_read_taught(who, subject_id, classes, frozenset())
            )
        if not allowed:
            raise Forbidden("journal.marks_forbidden", code="marks_forbidden")
        rows = await mark_queries.marks(
            s,
            school_id=school_id,
            student_id=student_id,
            class_id=class_id,
            subject_id=subject_id,
            term_id=term_id,
            start=start,
            end=end,
            limit=size + 1,
            offset=offset,
        )
    more = len(rows) > size
    return rows[:size], (offset + size if more else None)

"""The class teacher corrects the reasons of absences in their class (seed 002 2.9): the kind
(absent, ill, excused) and the reason's text, kept in the history like every change."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any
from uuid import UUID

from tabel_journal.adapters import entries, facts, lesson_context
from tabel_journal.domain.access import Action, may_on_lesson
from tabel_journal.service_layer.lesson_journal import (
    AttendanceInput,
    SaveLessonJournal,
    _person,
    apply_lesson_journal,
)
from tabel_platform.auth.principal import Principal
from tabel_platform.errors import Forbidden, NotFound
from tabel_platform.runtime import Runtime

ABSENCES = ("absent", "ill", "excused")
DEFAULT_NOTE = "Корректировка причины пропуска классным руководителем"


async def correct_reason(
    *,
    runtime: Runtime,
    school_id: UUID,
    principal: Principal,
    lesson_id: UUID,
    student_id: UUID,
    status: str,
    reason: str,
    note: str,
) -> dict[str, Any]:
    person = _person(principal)
    async with runtime.uow(school_id=school_id, actor=principal.actor()) as uow:
        s = uow.session
        who, _ = await facts.load(s, school_id=school_id, person_id=person)
        ctx = await lesson_context.load(
            s, school_id=school_id, lesson_id=lesson_id, person_id=person
        )
        if ctx is None:
            raise NotFound("journal.lesson_not_found", code="lesson_not_found")
        if not may_on_lesson(who, ctx.scope, Action.CORRECT_REASONS):
            raise Forbidden(
                "journal.reason_correction_forbidden", code="reason_correction_forbidden"
            )
        _, attendance, _, _ = await entries.lesson_state(
            s, school_id=school_id, lesson_id=lesson_id, mark_ids=[]
        )
        current = attendance.get(str(student_id))
        if current is None or current["status"] not in ABSENCES:
            raise NotFound("journal.attendance_not_found", code="attendance_not_found")
        saved = await apply_lesson_journal(
            uow=uow,
            school_id=school_id,
            principal=principal,
            who=who,
            command=SaveLessonJournal(
                lesson_id=lesson_id,
                attendance=[AttendanceInput(student_id=student_id, status=status, reason=reason)],
                reason=note.strip() or DEFAULT_NOTE,
            ),
            now=datetime.now(UTC),
        )
    return next(a for a in saved["attendance"] if a["student_id"] == str(student_id))

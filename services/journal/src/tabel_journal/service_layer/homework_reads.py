"""Homework as the teacher sees it (each student's status and log) and as the student and
their guardians see it (to do and done)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any
from uuid import UUID

from tabel_journal.adapters import homework_queries, submission_rows
from tabel_journal.domain.access import Action, may_on_lesson
from tabel_journal.service_layer.diary import _allowed
from tabel_journal.service_layer.homework_lookup import audience, homework_for
from tabel_journal.service_layer.lesson_journal import _person
from tabel_platform.auth.principal import Principal
from tabel_platform.errors import Forbidden
from tabel_platform.runtime import Runtime

DONE = ("submitted", "checked")


async def submissions_of(
    *, runtime: Runtime, school_id: UUID, principal: Principal, homework_id: UUID
) -> dict[str, Any]:
    """Every student the homework is for: status (assigned when nothing was handed in) and log."""
    person = _person(principal)
    async with runtime.uow(school_id=school_id) as uow:
        hw, ctx, who = await homework_for(uow, school_id, homework_id, person)
        if not may_on_lesson(who, ctx.scope, Action.READ):
            raise Forbidden("journal.lesson_forbidden", code="lesson_forbidden")
        rows = await submission_rows.submissions(
            uow.session, school_id=school_id, homework_id=homework_id
        )
    found = {r.student_id: r for r in rows}
    students = []
    for sid in sorted(audience(hw, ctx.students) | set(found), key=str):
        r = found.get(sid)
        row = r.row if r else {}
        students.append(
            {
                "student_id": str(sid),
                "status": row.get("status", "assigned"),
                "text": row.get("text", ""),
                "attachments": row.get("attachments", []),
                "submitted_at": row.get("submitted_at"),
                "checked_at": row.get("checked_at"),
                "mark_id": row.get("mark_id"),
                "comment": row.get("comment", ""),
                "log": r.log if r else [],
            }
        )
    return {"homework_id": str(homework_id), "text": hw["text"], "students": students}


async def student_homework(
    *,
    runtime: Runtime,
    school_id: UUID,
    principal: Principal,
    student_id: UUID,
    start: date,
    end: date,
    today: date,
) -> dict[str, Any]:
    async with runtime.uow(school_id=school_id) as uow:
        units = await _allowed(
            uow.session, school_id=school_id, principal=principal, student_id=student_id, on=today
        )
        rows = await homework_queries.for_student(
            uow.session,
            school_id=school_id,
            student_id=student_id,
            units=list(units.all),
            start=start,
            end=end,
        )
    to_do: list[dict[str, Any]] = []
    done: list[dict[str, Any]] = []
    for r in sorted(rows, key=lambda r: (r.assigned_on, r.subject_name)):
        due = r.due_lesson_date or r.due_on or (r.assigned_on + timedelta(days=1))
        item = {
            "homework_id": str(r.homework_id),
            "lesson_id": str(r.lesson_id),
            "subject_id": str(r.subject_id),
            "subject_name": r.subject_name,
            "assigned_on": r.assigned_on.isoformat(),
            "due": due.isoformat(),
            "text": r.text,
            "scope": r.scope,
            "submission_required": r.submission_required,
            "attachments": list(r.attachments),
            "status": r.status,
            "comment": r.comment or "",
            "mark": r.mark_value,
            "overdue": r.status not in DONE and due < today,
        }
        finished = r.status in DONE or (not r.submission_required and due < today)
        (done if finished else to_do).append(item)
    return {"student_id": str(student_id), "to_do": to_do, "done": done}

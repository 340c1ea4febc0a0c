"""Every version of a student's final marks in a subject: who, when, before, after and why.
Staff only (final_mark_rights.may_read_history)."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from tabel_journal.adapters import final_mark_rows
from tabel_journal.service_layer.final_mark_rights import may_read_history
from tabel_journal.service_layer.lesson_journal import _person
from tabel_platform.auth.principal import Principal
from tabel_platform.runtime import Runtime


async def final_mark_history(
    *,
    runtime: Runtime,
    school_id: UUID,
    principal: Principal,
    student_id: UUID,
    subject_id: UUID,
) -> dict[str, Any]:
    person = _person(principal)
    async with runtime.uow(school_id=school_id) as uow:
        s = uow.session
        await may_read_history(
            s, school_id=school_id, person=person, student_id=student_id, subject_id=subject_id
        )
        rows = await final_mark_rows.history(
            s, school_id=school_id, student_id=student_id, subject_id=subject_id
        )
    return {
        "student_id": str(student_id),
        "subject_id": str(subject_id),
        "versions": [
            {
                "final_mark_id": str(r.final_mark_id),
                "kind": r.kind,
                "period_id": str(r.period_id),
                "version": r.version,
                "at": r.at.isoformat(),
                "actor_person_id": str(r.actor_person_id) if r.actor_person_id else None,
                "actor_subject": r.actor_subject,
                "action": r.action,
                "before": r.before,
                "after": r.after,
                "reason": r.reason,
            }
            for r in rows
        ],
    }

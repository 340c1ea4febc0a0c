"""The hot path: a lesson's topic, marks and attendance for the whole class, in one transaction.

One request carries the state a teacher sees on the lesson's page. Marks carry client-made
ids, so a mark is never duplicated by a retry, and the request's idempotency key makes the
whole save replay-safe. Every change is kept in the history and published as an event.

The save is split by concern: the command (lesson_journal_command), the save inside a
transaction (lesson_journal_apply), what it changes (lesson_changes, mark_changes,
attendance_changes, record_change), its guards (pupil_scope, lesson_held, corrected_reasons)
and its answer (lesson_journal_answer). The names other modules import from here stay here.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any
from uuid import UUID

from tabel_journal.adapters import idempotency, save_prelude
from tabel_journal.service_layer.lesson_journal_answer import lesson_journal_json
from tabel_journal.service_layer.lesson_journal_apply import apply_lesson_journal
from tabel_journal.service_layer.lesson_journal_command import (
    AttendanceInput,
    MarkInput,
    SaveLessonJournal,
)
from tabel_platform.auth.principal import Principal
from tabel_platform.errors import Forbidden, NotFound
from tabel_platform.runtime import Runtime

__all__ = [
    "AttendanceInput",
    "MarkInput",
    "SaveLessonJournal",
    "_person",
    "apply_lesson_journal",
    "lesson_journal_json",
    "save_lesson_journal",
]


async def save_lesson_journal(
    *,
    runtime: Runtime,
    school_id: UUID,
    principal: Principal,
    command: SaveLessonJournal,
    idempotency_key: str | None,
    request_payload: Any,
) -> dict[str, Any]:
    """A teacher's save: the key claimed, the lesson locked and what access needs loaded in
    the first statement; the rows, history and answer written in one more."""
    person = _person(principal)
    payload_hash = idempotency.request_hash(request_payload) if idempotency_key else ""
    async with runtime.uow(school_id=school_id, actor=principal.actor()) as uow:
        s = uow.session
        prelude = await save_prelude.load(
            s,
            school_id=school_id,
            lesson_id=command.lesson_id,
            person_id=person,
            key=idempotency_key,
            actor=principal.subject,
            payload_hash=payload_hash,
        )
        if prelude is None:
            raise NotFound("journal.lesson_not_found", code="lesson_not_found")
        if idempotency_key and not prelude.claimed:
            first = await idempotency.first_answer(
                s,
                school_id=school_id,
                key=idempotency_key,
                actor=principal.subject,
                payload_hash=payload_hash,
            )
            return dict(first)
        return await apply_lesson_journal(
            uow=uow,
            school_id=school_id,
            principal=principal,
            who=prelude.who,
            command=command,
            now=datetime.now(UTC),
            locked_lesson=prelude.lesson,
            idempotency_key=idempotency_key,
        )


def _person(principal: Principal) -> UUID:
    if principal.person_id is None:
        raise Forbidden("journal.person_required", code="person_required")
    return principal.person_id

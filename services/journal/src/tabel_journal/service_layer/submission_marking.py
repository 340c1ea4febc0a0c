"""A checked submission becomes a mark in the journal."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any
from uuid import UUID

from sqlalchemy.ext.asyncio import AsyncSession

from tabel.journal.v1 import events_pb2
from tabel_journal.adapters import homework_rows, submission_rows
from tabel_journal.domain.timeliness import local_day
from tabel_journal.service_layer import events
from tabel_journal.service_layer.homework_lookup import homework_for_teacher
from tabel_journal.service_layer.lesson_journal import (
    MarkInput,
    SaveLessonJournal,
    _person,
    apply_lesson_journal,
)
from tabel_journal.service_layer.submission_json import from_json, to_json
from tabel_platform.auth.principal import Principal
from tabel_platform.errors import PreconditionFailed
from tabel_platform.runtime import Runtime

_MARK_NS = uuid.UUID("6f1d1c52-5a43-4c1e-9a53-6d7c1f3b2e10")


@dataclass(frozen=True)
class MarkSubmission:
    homework_id: UUID
    student_id: UUID
    value: str
    work_type: str = "homework"
    comment: str = ""
    reason: str = ""  # required when the lesson's term is closed (with management's permit)


async def mark(
    *, runtime: Runtime, school_id: UUID, principal: Principal, command: MarkSubmission
) -> dict[str, Any]:
    """A checked submission becomes a mark at the lesson it was due for (or given at), in the
    same transaction; the mark's id is derived from the submission, so a retry changes nothing.
    A submission checked before its due lesson is marked at the lesson the homework was given
    at: the journal takes no marks for lessons that have not happened yet."""
    person = _person(principal)
    now = datetime.now(UTC)
    async with runtime.uow(school_id=school_id, actor=principal.actor()) as uow:
        s = uow.session
        hw, given_at, who = await homework_for_teacher(uow, school_id, command.homework_id, person)
        before = await submission_rows.submission(
            s, school_id=school_id, homework_id=command.homework_id, student_id=command.student_id
        )
        if before is None or before["status"] != "checked":
            raise PreconditionFailed("journal.submission_not_checked", code="not_checked")
        mark_id = uuid.uuid5(_MARK_NS, f"{school_id}/{command.homework_id}/{command.student_id}")
        lesson = await marked_at(s, school_id, hw, today=local_day(now, given_at.rules.time_zone))
        await apply_lesson_journal(
            uow=uow,
            school_id=school_id,
            principal=principal,
            who=who,
            command=SaveLessonJournal(
                lesson_id=lesson,
                marks=[
                    MarkInput(
                        id=mark_id,
                        student_id=command.student_id,
                        value=command.value,
                        work_type=command.work_type,
                        comment=command.comment,
                    )
                ],
                reason=command.reason,
            ),
            now=now,
        )
        row = from_json(before)
        if row["mark_id"] != mark_id:
            row["mark_id"] = mark_id
            await submission_rows.record(
                s, school_id=school_id, row=row, at=now, actor=person, action="marked",
                note=command.value,
            )  # fmt: skip
            uow.emit(events_pb2.SubmissionChecked(submission=events.submission(row, school_id)))
    return {**to_json(row), "lesson_id": str(lesson), "value": command.value}


async def marked_at(
    session: AsyncSession, school_id: UUID, hw: dict[str, Any], *, today: date
) -> UUID:
    if hw["due_lesson_id"]:
        due = UUID(hw["due_lesson_id"])
        brief = await homework_rows.lesson_brief(session, school_id=school_id, lesson_id=due)
        if brief is not None and brief.date <= today:
            return due
    return UUID(hw["lesson_id"])

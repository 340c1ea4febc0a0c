"""A homework's next version from the teacher's command, whether it differs from the current
one, and its JSON form (for the response and the history).

Whether homework was entered in time (seed 003 II.3.5: within two hours after the teacher's
lessons of the day) is decided when it is given (or given again after being withdrawn) and
kept through later edits."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from uuid import UUID

from tabel_journal.adapters.lesson_context import LessonContext
from tabel_journal.domain import timeliness
from tabel_journal.service_layer.homework_command import AssignHomework

_COMPARED = (
    "text",
    "scope",
    "student_ids",
    "due_on",
    "due_lesson_id",
    "submission_required",
    "attachments",
)


def differs(before: dict[str, Any], row: dict[str, Any]) -> bool:
    return any(
        (sorted(map(str, before[f])) != sorted(map(str, row[f])))
        if isinstance(row[f], list)
        else str(before[f] if before[f] is not None else "")
        != str(row[f] if row[f] is not None else "")
        for f in _COMPARED
    )


def next_version(
    ctx: LessonContext,
    c: AssignHomework,
    before: dict[str, Any] | None,
    person: UUID,
    now: datetime,
) -> dict[str, Any]:
    rules = ctx.rules
    first = before is None or before["deleted"]
    return {
        "homework_id": c.homework_id,
        "lesson_id": ctx.lesson_id,
        "subject_id": ctx.scope.subject_id,
        "assigned_on": ctx.date,
        "due_on": c.due_on,
        "due_lesson_id": c.due_lesson_id,
        "text": c.text,
        "scope": c.scope,
        "student_ids": list(c.student_ids),
        "submission_required": c.submission_required,
        "attachments": [str(a) for a in c.attachment_ids],
        "teacher_id": person,
        "assigned_at": now if before is None else datetime.fromisoformat(before["assigned_at"]),
        "on_time": timeliness.homework_on_time(
            teacher_day_ends_at=ctx.teacher_day_ends_at,
            lesson_date=ctx.date,
            recorded_at=now,
            time_zone=rules.time_zone,
            minutes=rules.homework_deadline_minutes,
        )
        if first or before is None
        else bool(before["on_time"]),
        "version": 1 if before is None else before["version"] + 1,
        "deleted": False,
    }


def plain(row: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for k, v in row.items():
        if isinstance(v, list):
            out[k] = [str(x) for x in v]
        elif v is None or isinstance(v, bool | int):
            out[k] = v
        else:
            out[k] = v.isoformat() if hasattr(v, "isoformat") else str(v)
    return out

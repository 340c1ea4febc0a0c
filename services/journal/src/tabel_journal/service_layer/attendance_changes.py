"""A lesson save's attendance: a row for each pupil whose status differs from what is stored
(presence is the default, so a new «present» writes nothing), with its history entry and event.
A changed row keeps when it was first recorded and whether that was on time."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from uuid import UUID

from google.protobuf.message import Message

from tabel_journal.adapters.history import Change
from tabel_journal.adapters.lesson_context import LessonContext
from tabel_journal.domain import timeliness
from tabel_journal.service_layer import events
from tabel_journal.service_layer.entry_changes import EntryChanges, field_error, repeated
from tabel_journal.service_layer.guards import fail_if
from tabel_journal.service_layer.lesson_journal_command import AttendanceInput, SaveLessonJournal

STATUSES = ("present", "absent", "ill", "excused", "late")
_COMPARED = ("status", "late_minutes", "reason")


def late_minutes(status: str, minutes: int) -> int:
    return minutes if status == "late" else 0


def attendance_differs(a: AttendanceInput, before: dict[str, Any]) -> bool:
    after = (a.status, late_minutes(a.status, a.late_minutes), a.reason)
    return any(str(before[f]) != str(v) for f, v in zip(_COMPARED, after, strict=True))


def attendance_changes(
    *,
    ctx: LessonContext,
    command: SaveLessonJournal,
    existing: dict[str, dict[str, Any]],
    person: UUID,
    now: datetime,
    school_id: UUID,
    kept: frozenset[str] = frozenset(),
) -> EntryChanges:
    """`kept`: students whose corrected rows stay as they are (their entries are skipped)."""
    errors: list[dict[str, Any]] = []
    rows: list[dict[str, Any]] = []
    changes: list[Change] = []
    out: list[Message] = []
    entered = command.entered_at or now
    fail_if(
        repeated(
            [(f"attendance.{i}.student_id", a.student_id) for i, a in enumerate(command.attendance)]
        )
    )
    for i, a in enumerate(command.attendance):
        if a.student_id not in ctx.students:
            errors.append(field_error(f"attendance.{i}.student_id", "student_not_in_lesson"))
            continue
        if a.status not in STATUSES:
            errors.append(field_error(f"attendance.{i}.status", "unknown_status"))
            continue
        if a.status == "late" and a.late_minutes <= 0:
            errors.append(field_error(f"attendance.{i}.late_minutes", "late_minutes_required"))
            continue
        if str(a.student_id) in kept:
            continue
        before = existing.get(str(a.student_id))
        row: dict[str, Any] = {
            "lesson_id": ctx.lesson_id,
            "student_id": a.student_id,
            "status": a.status,
            "late_minutes": late_minutes(a.status, a.late_minutes),
            "reason": a.reason,
            "recorded_by": person,
            "recorded_at": datetime.fromisoformat(before["recorded_at"]) if before else entered,
            "on_time": before["on_time"]
            if before
            else timeliness.attendance_on_time(
                lesson_date=ctx.date, recorded_at=entered, time_zone=ctx.rules.time_zone
            ),
            "version": (before["version"] + 1) if before else 1,
            "reason_corrected": command.corrects_reasons
            or bool(before and before.get("reason_corrected")),
        }
        if before is None and a.status == "present":
            continue  # nothing to record: presence is the default
        if before and not attendance_differs(a, before):
            continue
        rows.append(row)
        changes.append(
            Change(
                "attendance",
                f"{ctx.lesson_id}/{a.student_id}",
                row["version"],
                "update" if before else "create",
                before,
                row,
                command.reason,
            )
        )
        out.append(events.attendance_recorded(row, before, school_id, ctx, command.reason))
    fail_if(errors)
    return rows, changes, out

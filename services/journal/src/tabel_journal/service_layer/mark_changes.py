"""A lesson save's marks: each new or changed mark checked against the lesson's scale and work
types, with its history entry and event; a deleted mark needs a reason. A changed mark keeps
when it was first recorded and whether that was on time."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from uuid import UUID

from google.protobuf.message import Message

from tabel.journal.v1 import events_pb2
from tabel_journal.adapters.history import Change
from tabel_journal.adapters.lesson_context import LessonContext
from tabel_journal.domain import timeliness
from tabel_journal.domain.grading import InvalidMark, validate_value
from tabel_journal.service_layer import events
from tabel_journal.service_layer.entry_changes import EntryChanges, field_error, repeated
from tabel_journal.service_layer.guards import fail_if
from tabel_journal.service_layer.lesson_journal_command import SaveLessonJournal

# A mark whose fields here are as stored is unchanged: no row, history entry or event.
_COMPARED = ("value", "work_type", "comment", "student_id", "deleted")


def mark_changes(
    *,
    ctx: LessonContext,
    command: SaveLessonJournal,
    existing: dict[str, dict[str, Any]],
    foreign: set[str],
    person: UUID,
    taught_by: UUID | None,
    now: datetime,
    school_id: UUID,
) -> EntryChanges:
    rules = ctx.rules
    scale = rules.scale_for(ctx.scope.subject_id, ctx.grade_level)
    fail_if(
        repeated(
            [(f"marks.{i}.id", m.id) for i, m in enumerate(command.marks)]
            + [(f"deleted_mark_ids.{i}", d) for i, d in enumerate(command.deleted_mark_ids)]
        )
    )
    errors: list[dict[str, Any]] = []
    rows: list[dict[str, Any]] = []
    changes: list[Change] = []
    out: list[Message] = []
    entered = command.entered_at or now
    for i, m in enumerate(command.marks):
        key = str(m.id)
        if key in foreign:
            errors.append(field_error(f"marks.{i}.id", "mark_of_other_lesson"))
            continue
        if m.student_id not in ctx.students:
            errors.append(field_error(f"marks.{i}.student_id", "student_not_in_lesson"))
        weight = rules.weight_of(m.work_type)
        if weight is None:
            errors.append(field_error(f"marks.{i}.work_type", "unknown_work_type"))
        try:
            value = validate_value(scale, m.value)
        except InvalidMark as exc:
            errors.append(field_error(f"marks.{i}.value", str(exc)))
            continue
        before = existing.get(key)
        row: dict[str, Any] = {
            "mark_id": m.id,
            "lesson_id": ctx.lesson_id,
            "student_id": m.student_id,
            "subject_id": ctx.scope.subject_id,
            "term_id": ctx.term_id,
            "date": ctx.date,
            "value": value,
            "scale": scale.value,
            "work_type": m.work_type,
            "weight": weight or 1,
            "comment": m.comment,
            "teacher_id": person,
            "taught_by": taught_by,
            "recorded_at": datetime.fromisoformat(before["recorded_at"]) if before else entered,
            "on_time": before["on_time"] if before else _on_time(ctx, m.work_type, entered),
            "version": (before["version"] + 1) if before else 1,
            "deleted": False,
        }
        if before and all(str(before[f]) == str(row[f]) for f in _COMPARED):
            continue
        rows.append(row)
        action = "update" if before else "create"
        changes.append(Change("mark", key, row["version"], action, before, row, command.reason))
        pb = events.mark(row, school_id)
        out.append(
            events_pb2.MarkChanged(
                mark=pb, previous=events.mark(before, school_id), reason=command.reason
            )
            if before
            else events_pb2.MarkRecorded(mark=pb)
        )
    for i, mid in enumerate(command.deleted_mark_ids):
        before = existing.get(str(mid))
        if before is None or before["deleted"]:
            errors.append(field_error(f"deleted_mark_ids.{i}", "mark_not_found"))
            continue
        if not command.reason.strip():
            errors.append(field_error("reason", "reason_required"))
            continue
        row = _tombstone(ctx, mid, before)
        rows.append(row)
        changes.append(
            Change("mark", str(mid), row["version"], "delete", before, None, command.reason)
        )
        out.append(
            events_pb2.MarkDeleted(mark=events.mark(before, school_id), reason=command.reason)
        )
    fail_if(errors)
    return rows, changes, out


def _on_time(ctx: LessonContext, work_type: str, entered: datetime) -> bool:
    rules = ctx.rules
    return timeliness.mark_on_time(
        lesson_date=ctx.date,
        recorded_at=entered,
        time_zone=rules.time_zone,
        written=rules.is_written(work_type),
        next_lesson_date=ctx.next_lesson_date,
        written_days=rules.written_work_days,
    )


def _tombstone(ctx: LessonContext, mark_id: UUID, before: dict[str, Any]) -> dict[str, Any]:
    """A new version of a stored mark (a JSON object, ids and times as strings), deleted."""
    row = {
        **before,
        "mark_id": mark_id,
        "lesson_id": ctx.lesson_id,
        "deleted": True,
        "version": before["version"] + 1,
    }
    for f in ("student_id", "subject_id", "term_id", "teacher_id", "taught_by"):
        row[f] = UUID(row[f]) if row[f] else None
    row["date"], row["recorded_at"] = ctx.date, datetime.fromisoformat(before["recorded_at"])
    return row

"""What a lesson save changes: new rows, history entries and events, computed from the
current state and the request (no I/O here, so the rules are unit-testable)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import TYPE_CHECKING, Any
from uuid import UUID

from google.protobuf.message import Message

from tabel.journal.v1 import events_pb2
from tabel_journal.adapters.history import Change
from tabel_journal.domain import timeliness
from tabel_journal.domain.grading import InvalidMark, validate_value
from tabel_journal.service_layer import events
from tabel_journal.service_layer.guards import fail_if
from tabel_platform.errors import InvalidInput, PreconditionFailed
from tabel_platform.i18n import translate

if TYPE_CHECKING:
    from tabel_journal.adapters.lesson_context import LessonContext
    from tabel_journal.service_layer.lesson_journal import AttendanceInput, SaveLessonJournal

STATUSES = ("present", "absent", "ill", "excused", "late")
_MARK_COMPARED = ("value", "work_type", "comment", "student_id", "deleted")
_ATT_COMPARED = ("status", "late_minutes", "reason")


def _err(field: str, code: str) -> dict[str, Any]:
    return {"field": field, "code": code, "message": translate(f"journal.{code}")}


def _repeated(fields: Sequence[tuple[str, object]]) -> list[dict[str, Any]]:
    """An error for each entry named a second time in one save (it would be written twice)."""
    seen: set[object] = set()
    errors = []
    for field, key in fields:
        if key in seen:
            errors.append(_err(field, "duplicate_entry"))
        seen.add(key)
    return errors


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
) -> tuple[list[dict[str, Any]], list[Change], list[Message]]:
    rules = ctx.rules
    scale = rules.scale_for(ctx.scope.subject_id, ctx.grade_level)
    fail_if(
        _repeated(
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
            errors.append(_err(f"marks.{i}.id", "mark_of_other_lesson"))
            continue
        if m.student_id not in ctx.students:
            errors.append(_err(f"marks.{i}.student_id", "student_not_in_lesson"))
        weight = rules.weight_of(m.work_type)
        if weight is None:
            errors.append(_err(f"marks.{i}.work_type", "unknown_work_type"))
        try:
            value = validate_value(scale, m.value)
        except InvalidMark as exc:
            errors.append(_err(f"marks.{i}.value", str(exc)))
            continue
        before = existing.get(key)
        written = rules.is_written(m.work_type)
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
            "on_time": before["on_time"]
            if before
            else timeliness.mark_on_time(
                lesson_date=ctx.date,
                recorded_at=entered,
                time_zone=rules.time_zone,
                written=written,
                next_lesson_date=ctx.next_lesson_date,
                written_days=rules.written_work_days,
            ),
            "version": (before["version"] + 1) if before else 1,
            "deleted": False,
        }
        if before and all(str(before[f]) == str(row[f]) for f in _MARK_COMPARED):
            continue
        rows.append(row)
        changes.append(
            Change(
                "mark",
                key,
                row["version"],
                "update" if before else "create",
                before,
                row,
                command.reason,
            )
        )
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
            errors.append(_err(f"deleted_mark_ids.{i}", "mark_not_found"))
            continue
        if not command.reason.strip():
            errors.append(_err("reason", "reason_required"))
            continue
        row = {
            **before,
            "mark_id": mid,
            "lesson_id": ctx.lesson_id,
            "deleted": True,
            "version": before["version"] + 1,
        }
        for f in ("student_id", "subject_id", "term_id", "teacher_id", "taught_by"):
            row[f] = UUID(row[f]) if row[f] else None
        row["date"], row["recorded_at"] = ctx.date, datetime.fromisoformat(before["recorded_at"])
        rows.append(row)
        changes.append(
            Change("mark", str(mid), row["version"], "delete", before, None, command.reason)
        )
        out.append(
            events_pb2.MarkDeleted(mark=events.mark(before, school_id), reason=command.reason)
        )
    fail_if(errors)
    return rows, changes, out


def _late_minutes(status: str, late_minutes: int) -> int:
    return late_minutes if status == "late" else 0


def _attendance_differs(a: AttendanceInput, before: dict[str, Any]) -> bool:
    after = (a.status, _late_minutes(a.status, a.late_minutes), a.reason)
    return any(str(before[f]) != str(v) for f, v in zip(_ATT_COMPARED, after, strict=True))


def corrected_changes(
    attendance: Sequence[AttendanceInput], existing: dict[str, dict[str, Any]]
) -> dict[str, int]:
    """Students whose row the class teacher corrected and the save would change, with the
    index of that entry in the request."""
    return {
        str(a.student_id): i
        for i, a in enumerate(attendance)
        if (before := existing.get(str(a.student_id))) is not None
        and before.get("reason_corrected")
        and _attendance_differs(a, before)
    }


def attendance_changes(
    *,
    ctx: LessonContext,
    command: SaveLessonJournal,
    existing: dict[str, dict[str, Any]],
    person: UUID,
    now: datetime,
    school_id: UUID,
    kept: frozenset[str] = frozenset(),
) -> tuple[list[dict[str, Any]], list[Change], list[Message]]:
    """`kept`: students whose corrected rows stay as they are (their entries are skipped)."""
    errors: list[dict[str, Any]] = []
    rows: list[dict[str, Any]] = []
    changes: list[Change] = []
    out: list[Message] = []
    entered = command.entered_at or now
    fail_if(
        _repeated(
            [(f"attendance.{i}.student_id", a.student_id) for i, a in enumerate(command.attendance)]
        )
    )
    for i, a in enumerate(command.attendance):
        if a.student_id not in ctx.students:
            errors.append(_err(f"attendance.{i}.student_id", "student_not_in_lesson"))
            continue
        if a.status not in STATUSES:
            errors.append(_err(f"attendance.{i}.status", "unknown_status"))
            continue
        if a.status == "late" and a.late_minutes <= 0:
            errors.append(_err(f"attendance.{i}.late_minutes", "late_minutes_required"))
            continue
        if str(a.student_id) in kept:
            continue
        before = existing.get(str(a.student_id))
        row: dict[str, Any] = {
            "lesson_id": ctx.lesson_id,
            "student_id": a.student_id,
            "status": a.status,
            "late_minutes": _late_minutes(a.status, a.late_minutes),
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
        if before and not _attendance_differs(a, before):
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


def record_change(
    *,
    ctx: LessonContext,
    topic: str | None,
    work_types: list[str] | None,
    existing: dict[str, Any] | None,
    person: UUID,
    taught_by: UUID | None,
    now: datetime,
) -> tuple[dict[str, Any] | None, list[Change]]:
    unknown = [w for w in work_types or () if ctx.rules.weight_of(w) is None]
    fail_if([_err("work_types", "unknown_work_type")] if unknown else [])
    new_topic = topic if topic is not None else (existing["topic"] if existing else "")
    new_types = (
        work_types if work_types is not None else (existing["work_types"] if existing else [])
    )
    if (
        existing
        and existing["topic"] == new_topic
        and list(existing["work_types"]) == list(new_types)
    ):
        return None, []
    if existing is None and topic is None and work_types is None:
        return None, []
    row: dict[str, Any] = {
        "lesson_id": ctx.lesson_id,
        "topic": new_topic,
        "work_types": list(new_types),
        "taught_by": taught_by,
        "version": (existing["version"] + 1) if existing else 1,
        "updated_at": now,
        "updated_by": person,
    }
    change = Change(
        "lesson_record",
        str(ctx.lesson_id),
        row["version"],
        "update" if existing else "create",
        existing,
        row,
    )
    return row, [change]


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
    return [_err(f, "student_of_other_class") for f in fields]


def held_guard(
    *,
    ctx: LessonContext,
    command: SaveLessonJournal,
    today: date,
    marks: Sequence[Change],
    attendance: Sequence[dict[str, Any]],
    record: Sequence[Change],
) -> None:
    """Marks and attendance belong to a lesson that took place. A cancelled lesson's entries
    (made before it was cancelled) can only be taken back, with a reason: marks deleted,
    attendance set to present. A lesson after `today` (the school's day) gets none yet, only
    its topic, which teachers plan ahead; entries made there before can be taken back too."""
    entered = [
        field
        for field, taken_back in (
            ("marks", all(c.action == "delete" for c in marks)),
            ("attendance", all(a["status"] == "present" for a in attendance)),
        )
        if not taken_back
    ]
    if ctx.cancelled:
        if record or entered:
            raise PreconditionFailed("journal.lesson_cancelled", code="lesson_cancelled")
        if (marks or attendance) and not command.reason.strip():
            raise InvalidInput(
                "journal.reason_required",
                code="reason_required",
                errors=[_err("reason", "reason_required")],
            )
    elif ctx.date > today and entered:
        raise InvalidInput(
            "journal.lesson_in_future",
            code="lesson_in_future",
            errors=[_err(f, "lesson_in_future") for f in entered],
        )

"""Everything one lesson save changes, computed from the request and the lesson's state before
anything is written: the marks, the attendance and the lesson's record, each with its history
entries (and the marks and attendance with their events)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any
from uuid import UUID

from google.protobuf.message import Message

from tabel_journal.adapters.history import Change
from tabel_journal.adapters.lesson_context import LessonContext
from tabel_journal.service_layer.attendance_changes import attendance_changes
from tabel_journal.service_layer.lesson_journal_command import SaveLessonJournal
from tabel_journal.service_layer.mark_changes import mark_changes
from tabel_journal.service_layer.record_change import record_change

# entries.lesson_state: marks by id, attendance by student id, the record, foreign mark ids.
Rows = dict[str, dict[str, Any]]
LessonState = tuple[Rows, Rows, dict[str, Any] | None, set[str]]


@dataclass(frozen=True, slots=True)
class LessonChanges:
    mark_rows: list[dict[str, Any]]
    mark_history: list[Change]
    mark_events: list[Message]
    attendance_rows: list[dict[str, Any]]
    attendance_history: list[Change]
    attendance_events: list[Message]
    record_row: dict[str, Any] | None
    record_history: list[Change]


def lesson_changes(
    *,
    ctx: LessonContext,
    command: SaveLessonJournal,
    state: LessonState,
    person: UUID,
    now: datetime,
    school_id: UUID,
    kept: frozenset[str],
    takes_attendance: bool = False,
    plan_topic: str | None = None,
) -> LessonChanges:
    """`kept`: students whose corrected attendance stays as it is (corrected_reasons);
    `takes_attendance`: the save takes the lesson's attendance (lesson_journal_apply);
    `plan_topic`: the topic of the plan item the command names (lesson_plan_item)."""
    marks_now, attendance_now, record_now, foreign = state
    taught_by = person if person == ctx.scope.substitute_teacher_id else ctx.effective_teacher
    marks = mark_changes(
        ctx=ctx,
        command=command,
        existing=marks_now,
        foreign=foreign,
        person=person,
        taught_by=taught_by,
        now=now,
        school_id=school_id,
    )
    attendance = attendance_changes(
        ctx=ctx,
        command=command,
        existing=attendance_now,
        person=person,
        now=now,
        school_id=school_id,
        kept=kept,
    )
    record = record_change(
        ctx=ctx,
        topic=command.topic,
        work_types=command.work_types,
        existing=record_now,
        person=person,
        taught_by=taught_by,
        now=now,
        attendance_taken=takes_attendance,
        entered_at=command.entered_at,
        reason=command.reason,
        plan_item=(command.plan_item_id, plan_topic) if command.plan_item_set else None,
    )
    return LessonChanges(*marks, *attendance, *record)

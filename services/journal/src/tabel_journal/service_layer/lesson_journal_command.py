"""What a lesson save asks for: the state a teacher sees on the lesson's page (its topic and
work types, every mark and the attendance) and why, when a reason is needed."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from uuid import UUID


@dataclass(frozen=True)
class MarkInput:
    id: UUID
    student_id: UUID
    value: str
    work_type: str
    comment: str = ""


@dataclass(frozen=True)
class AttendanceInput:
    student_id: UUID
    status: str
    late_minutes: int = 0
    reason: str = ""


@dataclass(frozen=True)
class SaveLessonJournal:
    lesson_id: UUID
    topic: str | None = None
    work_types: list[str] | None = None
    marks: list[MarkInput] = field(default_factory=list)
    attendance: list[AttendanceInput] = field(default_factory=list)
    deleted_mark_ids: list[UUID] = field(default_factory=list)
    reason: str = ""  # required for changes in a closed term, deletions, a cancelled lesson
    # When the entries were made, if earlier than the save (kept on paper during an outage,
    # seed 002 §3): their timeliness is judged by it. None: now.
    entered_at: datetime | None = None
    # The class teacher's correction of absence reasons (seed 002 2.9): its rows are marked
    # corrected, and a later save by a subject teacher keeps them.
    corrects_reasons: bool = False
    # The teacher took attendance (seed 002 2.5), also when everyone was present and no row
    # is stored: the lesson's record keeps when, and whether on the lesson's day.
    attendance_taken: bool = False
    # The item of the lesson's thematic plan the lesson covers (seed 002 2.7): an empty topic
    # takes the item's. `plan_item_set`: the request names it (None then unlinks the record);
    # otherwise the stored one stays.
    plan_item_id: UUID | None = None
    plan_item_set: bool = False

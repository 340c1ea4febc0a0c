"""A lesson save's record: the topic and the work types planned for the lesson, and whether
attendance was taken. Topic or work types left out of the request keep what is stored; a
request that changes nothing writes nothing.

Timeliness is judged once, as for attendance rows (seed 004 3.2.3: the topic on the lesson's
day; seed 002 2.5: attendance on the lesson's day): `on_time` when the topic is first entered,
`attendance_taken_at` and `attendance_on_time` when attendance is first taken. Later saves
keep them."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from uuid import UUID

from tabel_journal.adapters.history import Change
from tabel_journal.adapters.lesson_context import LessonContext
from tabel_journal.domain.timeliness import attendance_on_time
from tabel_journal.service_layer.entry_changes import field_error
from tabel_journal.service_layer.guards import fail_if

_STAMPS = ("on_time", "attendance_taken_at", "attendance_on_time")


def record_change(
    *,
    ctx: LessonContext,
    topic: str | None,
    work_types: list[str] | None,
    existing: dict[str, Any] | None,
    person: UUID,
    taught_by: UUID | None,
    now: datetime,
    attendance_taken: bool = False,
    entered_at: datetime | None = None,
    reason: str = "",
    plan_item: tuple[UUID | None, str | None] | None = None,
) -> tuple[dict[str, Any] | None, list[Change]]:
    """`attendance_taken`: the save takes the lesson's attendance; `entered_at`: when the
    entries were made, if earlier than `now` (paper records); `reason`: the save's, kept in
    the history; `plan_item`: (the plan item named, its topic) when the save names one (or
    unlinks with (None, None)), which an empty topic takes."""
    unknown = [w for w in work_types or () if ctx.rules.weight_of(w) is None]
    fail_if([field_error("work_types", "unknown_work_type")] if unknown else [])
    if plan_item is not None and plan_item[1] is not None and not (topic or "").strip():
        topic = plan_item[1]
    stored_item = (existing or {}).get("plan_item_id")
    named = str(plan_item[0]) if plan_item and plan_item[0] else None
    new_item = stored_item if plan_item is None else named
    new_topic = topic if topic is not None else (existing["topic"] if existing else "")
    new_types = (
        work_types if work_types is not None else (existing["work_types"] if existing else [])
    )
    entered = topic is not None and bool(topic.strip())
    stamps = _stamps(ctx, existing, entered, attendance_taken, entered_at or now)
    kept = {k: (existing or {}).get(k) for k in _STAMPS}
    if (
        existing
        and existing["topic"] == new_topic
        and list(existing["work_types"]) == list(new_types)
        and stored_item == new_item
        and stamps == kept
    ):
        return None, []
    nothing = topic is None and work_types is None and new_item is None
    if existing is None and nothing and not attendance_taken:
        return None, []
    row: dict[str, Any] = {
        "lesson_id": ctx.lesson_id,
        "topic": new_topic,
        "work_types": list(new_types),
        "taught_by": taught_by,
        "version": (existing["version"] + 1) if existing else 1,
        "updated_at": now,
        "updated_by": person,
        "plan_item_id": new_item,
        **stamps,
    }
    change = Change(
        "lesson_record",
        str(ctx.lesson_id),
        row["version"],
        "update" if existing else "create",
        existing,
        row,
        reason,
    )
    return row, [change]


def _stamps(
    ctx: LessonContext,
    existing: dict[str, Any] | None,
    topic_entered: bool,
    attendance_taken: bool,
    entered: datetime,
) -> dict[str, Any]:
    """The record's timeliness after the save: what is stored, and what is judged now. A
    topic is judged when it is first written; one stored before it was judged stays unknown."""
    stamps = {k: (existing or {}).get(k) for k in _STAMPS}

    def on_time() -> bool:
        return attendance_on_time(
            lesson_date=ctx.date, recorded_at=entered, time_zone=ctx.rules.time_zone
        )

    had_topic = bool(existing and existing["topic"].strip())
    if topic_entered and not had_topic and stamps["on_time"] is None:
        stamps["on_time"] = on_time()
    if attendance_taken and stamps["attendance_taken_at"] is None:
        stamps["attendance_taken_at"] = entered
        stamps["attendance_on_time"] = on_time()
    return stamps

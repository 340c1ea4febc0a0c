"""A lesson save's record: the topic and the work types planned for the lesson. Either left
out of the request keeps what is stored; a request that changes neither writes nothing."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from uuid import UUID

from tabel_journal.adapters.history import Change
from tabel_journal.adapters.lesson_context import LessonContext
from tabel_journal.service_layer.entry_changes import field_error
from tabel_journal.service_layer.guards import fail_if


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
    fail_if([field_error("work_types", "unknown_work_type")] if unknown else [])
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

"""A lesson save's answer, also what a read of the lesson's journal answers: the journal as
it is after the save, in one JSON document (stored as it is under the request's key)."""

from __future__ import annotations

from typing import Any
from uuid import UUID

import orjson


def lesson_journal_json(
    lesson_id: UUID,
    marks_now: dict[str, Any],
    mark_rows: list[dict[str, Any]],
    att_now: dict[str, Any],
    att_rows: list[dict[str, Any]],
    record_now: dict[str, Any] | None,
    record_row: dict[str, Any] | None,
    changed: int,
    kept: list[dict[str, Any]] | None = None,
) -> bytes:
    """The lesson's journal after the save as JSON (ids and times as strings), sorted;
    `kept`: entries of the request left as they were, each with a code and a message."""
    marks = {**marks_now, **{str(m["mark_id"]): m for m in mark_rows}}
    attendance = {**att_now, **{str(a["student_id"]): a for a in att_rows}}
    return orjson.dumps(
        {
            "lesson_id": lesson_id,
            "changes": changed,
            "record": record_row or record_now,
            "marks": sorted(
                (m for m in marks.values() if not m["deleted"]),
                key=lambda m: (str(m["student_id"]), str(m["mark_id"])),
            ),
            "attendance": [attendance[k] for k in sorted(attendance)],
            "kept": kept or [],
        },
        default=str,
    )

"""A submission row to and from the JSON form it is stored and answered in."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from uuid import UUID


def to_json(row: dict[str, Any], files: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    out = {
        k: (v.isoformat() if isinstance(v, datetime) else str(v) if isinstance(v, UUID) else v)
        for k, v in row.items()
        if k != "school_id"
    }
    out["attachments"] = files if files is not None else out["attachments"]
    return out


def from_json(before: dict[str, Any]) -> dict[str, Any]:
    row = {k: v for k, v in before.items() if k != "school_id"}
    for k in ("homework_id", "student_id", "submission_id", "mark_id"):
        row[k] = UUID(row[k]) if row[k] else None
    for k in ("submitted_at", "checked_at"):
        row[k] = datetime.fromisoformat(row[k]) if row[k] else None
    return row

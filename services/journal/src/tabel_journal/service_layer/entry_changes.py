"""What a lesson save changes: new rows, history entries and events, computed from the
current state and the request (no I/O there, so the rules are unit-testable). Each kind of
entry has its module (mark_changes, attendance_changes, record_change); this one holds what
they share: the shape of their result and of their field errors."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from google.protobuf.message import Message

from tabel_journal.adapters.history import Change
from tabel_platform.i18n import translate

# The rows to write, their history entries and their events.
EntryChanges = tuple[list[dict[str, Any]], list[Change], list[Message]]


def field_error(field: str, code: str) -> dict[str, Any]:
    return {"field": field, "code": code, "message": translate(f"journal.{code}")}


def repeated(fields: Sequence[tuple[str, object]]) -> list[dict[str, Any]]:
    """An error for each entry named a second time in one save (it would be written twice)."""
    seen: set[object] = set()
    errors = []
    for field, key in fields:
        if key in seen:
            errors.append(field_error(field, "duplicate_entry"))
        seen.add(key)
    return errors

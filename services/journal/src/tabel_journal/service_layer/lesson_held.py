"""Whether a lesson takes entries: marks and attendance belong to a lesson that took place.
A cancelled lesson's entries can only be taken back; a lesson still to come takes none yet."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from tabel_journal.adapters.history import Change
from tabel_journal.adapters.lesson_context import LessonContext
from tabel_journal.service_layer.entry_changes import field_error
from tabel_journal.service_layer.lesson_journal_command import SaveLessonJournal
from tabel_platform.errors import InvalidInput, PreconditionFailed


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
    its topic, which teachers plan ahead; entries made there before can be taken back too.
    Saying attendance was taken is an entry of attendance."""
    entered = [
        field
        for field, taken_back in (
            ("marks", all(c.action == "delete" for c in marks)),
            (
                "attendance",
                all(a["status"] == "present" for a in attendance) and not command.attendance_taken,
            ),
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
                errors=[field_error("reason", "reason_required")],
            )
    elif ctx.date > today and entered:
        raise InvalidInput(
            "journal.lesson_in_future",
            code="lesson_in_future",
            errors=[field_error(f, "lesson_in_future") for f in entered],
        )

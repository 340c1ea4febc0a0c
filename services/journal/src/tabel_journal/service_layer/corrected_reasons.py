"""Absence reasons the class teacher corrected (seed 002 2.9), met by a later lesson save whose
author may not change them (a subject teacher's page opened before the correction, say): those
rows stay as corrected, and the answer lists the entries not applied. Refusing the whole save
instead would lose the teacher's marks for a row their page could not know about."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any
from uuid import UUID

from tabel_journal.adapters.lesson_context import LedPupils
from tabel_journal.domain.access import Facts, may_override_corrected_reason
from tabel_journal.service_layer.attendance_changes import attendance_differs
from tabel_journal.service_layer.lesson_journal_command import AttendanceInput, SaveLessonJournal
from tabel_platform.i18n import translate


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
        and attendance_differs(a, before)
    }


async def kept_corrections(
    who: Facts, pupils: LedPupils, command: SaveLessonJournal, attendance: dict[str, Any]
) -> dict[str, int]:
    """The corrected rows this save would change but `who` may not, with the index of their
    entry in the request. The pupils are asked of the database only if there are any."""
    corrected = corrected_changes(command.attendance, attendance)
    if not corrected:
        return {}
    led = await pupils.get()
    return {
        student: i
        for student, i in corrected.items()
        if not may_override_corrected_reason(who, UUID(student), led)
    }


def kept_entries(kept: dict[str, int]) -> list[dict[str, Any]]:
    """The answer's list of the entries left as they were."""
    return [
        {
            "field": f"attendance.{i}",
            "code": "reason_corrected",
            "message": translate("journal.reason_corrected"),
        }
        for i in sorted(kept.values())
    ]

"""Who may set, delete and see the suggestion or the history of a student's final mark in a
subject: the subject teacher or the class teacher (seed 002 4.4), and in which capacity; the
history also management. The student and their guardians see current marks in the diary."""

from __future__ import annotations

from uuid import UUID

from sqlalchemy.ext.asyncio import AsyncSession

from tabel_journal.adapters import facts, final_mark_rows
from tabel_journal.adapters.facts import StudentUnits
from tabel_journal.domain.access import Facts, may_read_class, may_set_final
from tabel_platform.errors import Forbidden, InvalidInput
from tabel_platform.i18n import translate


async def final_mark_capacity(
    s: AsyncSession, *, school_id: UUID, person: UUID, student_id: UUID, subject_id: UUID
) -> tuple[str, StudentUnits, Facts]:
    """The capacity the person sets the mark in, the student's classes and groups, and the
    person's facts."""
    who, units = await facts.load(s, school_id=school_id, person_id=person, student_id=student_id)
    capacity = may_set_final(who, subject_id, units.classes, units.groups) if units.all else None
    if capacity is None:
        raise Forbidden("journal.final_forbidden", code="final_forbidden")
    return capacity, units, who


async def require_subject_of_student(
    s: AsyncSession,
    *,
    school_id: UUID,
    student_id: UUID,
    subject_id: UUID,
    units: StudentUnits,
) -> None:
    """The class teacher's right covers the subjects of the class: taught in the student's
    class or group (schedule's teaching assignments), or one the student has marks in."""
    if not await final_mark_rows.subject_of_student(
        s, school_id=school_id, student_id=student_id, subject_id=subject_id, units=list(units.all)
    ):
        code = "subject_not_taught"
        raise InvalidInput(
            errors=[{"field": "subject_id", "code": code, "message": translate(f"journal.{code}")}]
        )


async def may_read_history(
    s: AsyncSession, *, school_id: UUID, person: UUID, student_id: UUID, subject_id: UUID
) -> None:
    """Staff only: the subject teacher, the class teacher, management."""
    who, units = await facts.load(s, school_id=school_id, person_id=person, student_id=student_id)
    if units.all and (
        (who.is_management and may_read_class(who, units.classes))
        or may_set_final(who, subject_id, units.classes, units.groups)
    ):
        return
    raise Forbidden("journal.final_history_forbidden", code="final_history_forbidden")

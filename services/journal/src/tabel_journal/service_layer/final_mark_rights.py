"""Who may set (and see the suggestion of) a student's final mark in a subject: the subject
teacher or the class teacher (seed 002 4.4), and in which of the two capacities."""

from __future__ import annotations

from uuid import UUID

from sqlalchemy.ext.asyncio import AsyncSession

from tabel_journal.adapters import facts
from tabel_journal.adapters.facts import StudentUnits
from tabel_journal.domain.access import may_set_final
from tabel_platform.errors import Forbidden


async def final_mark_capacity(
    s: AsyncSession, *, school_id: UUID, person: UUID, student_id: UUID, subject_id: UUID
) -> tuple[str, StudentUnits]:
    """The capacity the person sets the mark in, and the student's classes and groups."""
    who, units = await facts.load(s, school_id=school_id, person_id=person, student_id=student_id)
    capacity = may_set_final(who, subject_id, units.classes, units.groups) if units.all else None
    if capacity is None:
        raise Forbidden("journal.final_forbidden", code="final_forbidden")
    return capacity, units

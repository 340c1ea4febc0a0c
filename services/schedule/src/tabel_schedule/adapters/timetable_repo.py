"""Timetable entries (the weekly template)."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from sqlalchemy import delete, insert, select
from sqlalchemy.ext.asyncio import AsyncSession

from tabel_schedule.adapters.tables import timetable_entries as te
from tabel_schedule.domain.timetable import Entry, Weeks


async def add_many(
    session: AsyncSession, school_id: UUID, year_id: UUID, entries: list[Entry]
) -> None:
    if not entries:
        return
    await session.execute(
        insert(te),
        [
            {
                "id": e.id,
                "school_id": school_id,
                "academic_year_id": year_id,
                "weekday": e.weekday,
                "shift": e.shift,
                "period": e.period,
                "starts": e.starts,
                "ends": e.ends,
                "weeks": e.weeks.value,
                "subject_id": e.subject_id,
                "teacher_id": e.teacher_id,
                "class_ids": sorted(e.class_ids),
                "study_group_ids": sorted(e.study_group_ids),
                "room_id": e.room_id,
                "teaching_assignment_id": e.teaching_assignment_id,
                "valid_from": e.valid_from,
                "valid_to": e.valid_to,
            }
            for e in entries
        ],
    )


async def of_year(session: AsyncSession, year_id: UUID) -> list[Entry]:
    rows = await session.execute(
        select(te).where(te.c.academic_year_id == year_id).order_by("weekday", "period")
    )
    return [entry_of(r) for r in rows]


async def get(session: AsyncSession, entry_id: UUID) -> tuple[Entry, UUID] | None:
    row = (await session.execute(select(te).where(te.c.id == entry_id))).first()
    return (entry_of(row), row.academic_year_id) if row else None


async def remove(session: AsyncSession, entry_id: UUID) -> None:
    await session.execute(delete(te).where(te.c.id == entry_id))


def entry_of(row: Any) -> Entry:
    return Entry(
        id=row.id,
        weekday=row.weekday,
        shift=row.shift,
        period=row.period,
        starts=row.starts,
        ends=row.ends,
        weeks=Weeks(row.weeks),
        subject_id=row.subject_id,
        teacher_id=row.teacher_id,
        class_ids=frozenset(row.class_ids),
        study_group_ids=frozenset(row.study_group_ids),
        room_id=row.room_id,
        valid_from=row.valid_from,
        valid_to=row.valid_to,
        teaching_assignment_id=row.teaching_assignment_id,
    )

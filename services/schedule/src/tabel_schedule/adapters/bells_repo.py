"""Bell schedules and the shortened days that use another one."""

from __future__ import annotations

from datetime import date, time
from typing import Any
from uuid import UUID

from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from tabel_schedule.adapters.tables import bell_schedules, shortened_days
from tabel_schedule.domain.bells import BellBook, BellSchedule, Period


async def add(session: AsyncSession, school_id: UUID, bells: BellSchedule) -> None:
    await session.execute(
        insert(bell_schedules).values(
            id=bells.id,
            school_id=school_id,
            name=bells.name,
            shift=bells.shift,
            shortened=bells.shortened,
            periods=[
                {"number": p.number, "starts": p.starts.isoformat(), "ends": p.ends.isoformat()}
                for p in bells.periods
            ],
        )
    )


async def set_shortened_days(
    session: AsyncSession, school_id: UUID, bells: BellSchedule, days: list[date]
) -> None:
    for day in days:
        statement = insert(shortened_days).values(
            school_id=school_id, day=day, shift=bells.shift, bell_schedule_id=bells.id
        )
        await session.execute(
            statement.on_conflict_do_update(
                index_elements=["school_id", "day", "shift"],
                set_={"bell_schedule_id": bells.id},
            )
        )


async def get(session: AsyncSession, bells_id: UUID) -> BellSchedule | None:
    row = (
        await session.execute(select(bell_schedules).where(bell_schedules.c.id == bells_id))
    ).first()
    return _bells(row) if row else None


async def list_all(session: AsyncSession) -> list[BellSchedule]:
    rows = await session.execute(select(bell_schedules).order_by("shift", "shortened", "name"))
    return [_bells(r) for r in rows]


async def book(session: AsyncSession) -> BellBook:
    """Regular schedules by shift (the first made wins) and the shortened days."""
    everything = {b.id: b for b in await list_all(session)}
    regular: dict[int, BellSchedule] = {}
    for b in everything.values():
        if not b.shortened:
            regular.setdefault(b.shift, b)
    rows = await session.execute(select(shortened_days))
    special = {(r.day, r.shift): everything[r.bell_schedule_id] for r in rows}
    return BellBook(regular=regular, shortened=special)


def _bells(row: Any) -> BellSchedule:
    return BellSchedule(
        id=row.id,
        name=row.name,
        shift=row.shift,
        shortened=row.shortened,
        periods=[
            Period(p["number"], time.fromisoformat(p["starts"]), time.fromisoformat(p["ends"]))
            for p in row.periods
        ],
    )

"""Saving and loading enrolment movements (admissions, transfers, withdrawals, promotions)."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any
from uuid import UUID

from sqlalchemy import insert, select
from sqlalchemy.ext.asyncio import AsyncSession

from tabel_roster.adapters.tables import enrolment_movements
from tabel_roster.domain.movements import Movement


async def add_movement(session: AsyncSession, m: Movement, recorded_by: str) -> None:
    await add_movements(session, [m], recorded_by)


async def add_movements(session: AsyncSession, items: list[Movement], recorded_by: str) -> None:
    if items:
        rows = [asdict(m) | {"kind": int(m.kind), "recorded_by": recorded_by} for m in items]
        await session.execute(insert(enrolment_movements), rows)


async def movements_of(session: AsyncSession, student_id: UUID) -> list[Any]:
    query = select(enrolment_movements).where(enrolment_movements.c.student_id == student_id)
    return list(await session.execute(query.order_by(enrolment_movements.c.effective_on)))


async def promotion_done(session: AsyncSession, class_ids: list[UUID]) -> bool:
    query = select(enrolment_movements.c.id).where(
        enrolment_movements.c.kind == 4, enrolment_movements.c.from_class_id.in_(class_ids)
    )
    return (await session.execute(query.limit(1))).first() is not None

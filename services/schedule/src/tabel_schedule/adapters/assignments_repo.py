"""Teaching assignments (учебная нагрузка)."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from sqlalchemy import delete, insert, select
from sqlalchemy.ext.asyncio import AsyncSession

from tabel_schedule.adapters.tables import teaching_assignments as ta


async def add(session: AsyncSession, **values: Any) -> None:
    await session.execute(insert(ta).values(**values))


async def get(session: AsyncSession, assignment_id: UUID) -> Any:
    return (await session.execute(select(ta).where(ta.c.id == assignment_id))).first()


async def remove(session: AsyncSession, assignment_id: UUID) -> None:
    await session.execute(delete(ta).where(ta.c.id == assignment_id))


async def list_for(
    session: AsyncSession,
    *,
    academic_year_id: UUID,
    class_id: UUID | None = None,
    teacher_id: UUID | None = None,
) -> list[Any]:
    query = select(ta).where(ta.c.academic_year_id == academic_year_id)
    if class_id:
        query = query.where(ta.c.class_id == class_id)
    if teacher_id:
        query = query.where(ta.c.teacher_id == teacher_id)
    return list(await session.execute(query.order_by(ta.c.class_id, ta.c.subject_id)))

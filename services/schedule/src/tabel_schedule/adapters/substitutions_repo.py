"""The history of substitutions: what each changed, why, and when it ended."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from sqlalchemy import func, insert, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from tabel_schedule.adapters.tables import substitutions


async def add(session: AsyncSession, **values: Any) -> None:
    await session.execute(insert(substitutions).values(**values))


async def end_active(session: AsyncSession, lesson_id: UUID) -> UUID | None:
    """Ends the lesson's teacher substitution in force; returns its id."""
    statement = (
        update(substitutions)
        .where(
            substitutions.c.lesson_id == lesson_id,
            substitutions.c.kind == "teacher",
            substitutions.c.ended_at.is_(None),
        )
        .values(ended_at=func.now())
        .returning(substitutions.c.id)
    )
    found: UUID | None = (await session.execute(statement)).scalar_one_or_none()
    return found


async def of_lesson(session: AsyncSession, lesson_id: UUID) -> list[Any]:
    query = select(substitutions).where(substitutions.c.lesson_id == lesson_id)
    return list(await session.execute(query.order_by(substitutions.c.made_at)))

"""Calendar feeds: a person's secret, revocable iCalendar URL (only its hash is stored)."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from sqlalchemy import func, insert, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from tabel_schedule.adapters.tables import calendar_feeds


async def add(session: AsyncSession, **values: Any) -> None:
    await session.execute(insert(calendar_feeds).values(**values))


async def by_hash(session: AsyncSession, token_hash: str) -> Any:
    query = select(calendar_feeds).where(
        calendar_feeds.c.token_hash == token_hash, calendar_feeds.c.revoked_at.is_(None)
    )
    return (await session.execute(query)).first()


async def get(session: AsyncSession, feed_id: UUID) -> Any:
    query = select(calendar_feeds).where(calendar_feeds.c.id == feed_id)
    return (await session.execute(query)).first()


async def revoke(session: AsyncSession, feed_id: UUID) -> None:
    await session.execute(
        update(calendar_feeds).where(calendar_feeds.c.id == feed_id).values(revoked_at=func.now())
    )

"""The engine and sessions of one service's database, built in the app's lifespan."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from uuid import UUID

import orjson
from sqlalchemy import text
from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)

from tabel_platform.events.outbox import flush_outbox
from tabel_platform.settings import normalize_database_url

# One round trip sets both tenancy settings for the transaction (`true` = local to it).
_SET_TENANT = text(
    "SELECT set_config('tabel.school_id', :school, true), "
    "set_config('tabel.all_schools', :all_schools, true)"
)


async def set_tenant(session: AsyncSession, *, school_id: UUID | None, all_schools: bool) -> None:
    """Point row-level security at `school_id` for the rest of the transaction."""
    await session.execute(
        _SET_TENANT,
        {
            "school": str(school_id) if school_id else "",
            "all_schools": "on" if all_schools else "off",
        },
    )


class Database:
    def __init__(self, url: str, *, pool_size: int = 10, echo: bool = False) -> None:
        self.url = normalize_database_url(url)
        self.engine: AsyncEngine = create_async_engine(
            self.url,
            pool_size=pool_size,
            # Bursts above the pool wait briefly rather than open and close connections.
            max_overflow=pool_size // 2,
            pool_timeout=10,
            # No pre-ping (a round trip per checkout on the hot path): connections are
            # recycled hourly, and a dropped one fails its request once, visibly.
            pool_recycle=3600,
            # jsonb read through asyncpg's codec: orjson parses a lesson's rows several
            # times faster than the json module.
            json_deserializer=orjson.loads,
            echo=echo,
        )
        self.sessionmaker = async_sessionmaker(self.engine, expire_on_commit=False)

    @asynccontextmanager
    async def transaction(
        self, *, school_id: UUID | None, all_schools: bool = False
    ) -> AsyncIterator[AsyncSession]:
        """A session in one transaction, with row-level security set to `school_id`.

        `all_schools` is for the few system paths that legitimately span schools (the
        outbox relay, region-wide reports); user requests always name one school.
        """
        async with self.sessionmaker() as session, session.begin():
            await set_tenant(session, school_id=school_id, all_schools=all_schools)
            yield session
            # Events go in with the change, in the same transaction (the outbox).
            await flush_outbox(session)

    async def ping(self) -> None:
        async with self.engine.connect() as conn:
            await conn.execute(text("SELECT 1"))

    async def dispose(self) -> None:
        await self.engine.dispose()

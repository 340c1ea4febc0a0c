"""Query planning for report transactions.

Statements are prepared (asyncpg); after a few runs PostgreSQL may switch a prepared
statement to a generic plan, which cannot see that `student_id = ANY($1)` picks thirty
rows of millions and scans the table. Reports plan every statement for its values.
"""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession


async def plan_for_values(session: AsyncSession) -> None:
    await session.execute(text("SET LOCAL plan_cache_mode = force_custom_plan"))

"""Newest-event-wins upserts into the read models.

A row is overwritten only by an event at least as new as the one it holds (`event_at`), so
redelivered or reordered events change nothing and a replay gives the same rows.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

_cache: dict[tuple[str, tuple[str, ...], tuple[str, ...]], Any] = {}


def _statement(table: str, key: Sequence[str], columns: Sequence[str]) -> Any:
    cache_key = (table, tuple(key), tuple(columns))
    found = _cache.get(cache_key)
    if found is None:
        updates = ", ".join(f"{c} = EXCLUDED.{c}" for c in columns if c not in key)
        # Table and column names come from this package's code, never from input.
        found = text(
            f"INSERT INTO {table} ({', '.join(columns)}) "  # noqa: S608
            f"VALUES ({', '.join(':' + c for c in columns)}) "
            f"ON CONFLICT ({', '.join(key)}) DO UPDATE SET {updates} "
            f"WHERE {table}.event_at <= EXCLUDED.event_at"
        )
        _cache[cache_key] = found
    return found


async def upsert_newest(
    session: AsyncSession, table: str, key: Sequence[str], values: dict[str, Any]
) -> None:
    await session.execute(_statement(table, key, list(values)), values)

"""The read models as a whole: their tables, emptying them, and a canonical dump."""

from __future__ import annotations

from typing import Any

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

# Everything the projections write (projection_state is progress, not a read model).
READ_MODELS = (
    "municipalities",
    "schools",
    "people",
    "classes",
    "memberships",
    "academic_years",
    "terms",
    "lessons",
    "subjects",
    "lesson_records",
    "marks",
    "attendance",
    "final_marks",
    "final_mark_tombstones",
    "homework",
    "subject_results",
    "activity",
    "grants",
    "progress_contributions",
    "progress_cells",
    "progress_cohorts",
)


async def empty(session: AsyncSession, consumers: list[str]) -> None:
    """Drop every read model row and the consumers' inbox, so a replay applies all again."""
    await session.execute(text(f"TRUNCATE {', '.join(READ_MODELS)}, projection_state"))
    await session.execute(
        text("DELETE FROM inbox WHERE consumer = ANY(:names)"), {"names": consumers}
    )


async def canonical_dump(session: AsyncSession) -> dict[str, list[tuple[Any, ...]]]:
    """Every read model row, in a fixed order: equal dumps mean equal read models."""
    dump = {}
    for table in READ_MODELS:
        rows = (await session.execute(text(f"SELECT * FROM {table}"))).all()  # noqa: S608
        dump[table] = sorted((tuple(row) for row in rows), key=repr)
    return dump

"""What earlier imports created, by the row's key, so a re-import updates instead of duplicating."""

from __future__ import annotations

from uuid import UUID

from sqlalchemy import any_, literal, select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from tabel_roster.adapters.tables import import_keys, persons


async def known(session: AsyncSession, entity: str) -> dict[str, UUID]:
    rows = await session.execute(
        select(import_keys.c.key, import_keys.c.entity_id).where(import_keys.c.entity == entity)
    )
    return {row.key: row.entity_id for row in rows}


async def remember(
    session: AsyncSession, school_id: UUID, entity: str, pairs: dict[str, UUID]
) -> None:
    if pairs:
        rows = [
            {"school_id": school_id, "entity": entity, "key": k, "entity_id": v}
            for k, v in pairs.items()
        ]
        await session.execute(insert(import_keys).on_conflict_do_nothing(), rows)


async def known_students(session: AsyncSession) -> set[str]:
    """Keys of earlier imported people who are students of the school (a guardian's children)."""
    query = (
        select(import_keys.c.key)
        .join(persons, persons.c.id == import_keys.c.entity_id)
        .where(import_keys.c.entity == "person", literal("student") == any_(persons.c.kinds))
    )
    return set((await session.execute(query)).scalars())

"""Buildings, rooms and subjects: plain reference records of a school."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from sqlalchemy import Table, insert, select
from sqlalchemy.ext.asyncio import AsyncSession

from tabel_schedule.adapters.tables import buildings, rooms, subjects
from tabel_schedule.domain.events import SubjectRef


async def add(session: AsyncSession, table: Table, **values: Any) -> None:
    await session.execute(insert(table).values(**values))


async def get(session: AsyncSession, table: Table, record_id: UUID) -> Any:
    return (await session.execute(select(table).where(table.c.id == record_id))).first()


async def list_all(session: AsyncSession, table: Table) -> list[Any]:
    return list(await session.execute(select(table).order_by(table.c.name)))


async def find_by_name(session: AsyncSession, table: Table, name: str, **more: Any) -> Any:
    query = select(table).where(table.c.name == name)
    for column, value in more.items():
        query = query.where(table.c[column] == value)
    return (await session.execute(query)).first()


async def subject_refs(session: AsyncSession) -> dict[UUID, SubjectRef]:
    rows = await session.execute(select(subjects))
    return {r.id: SubjectRef(r.id, r.name, r.short_name) for r in rows}


async def room_names(session: AsyncSession) -> dict[UUID, str]:
    query = select(rooms.c.id, rooms.c.name, buildings.c.name.label("building")).join(
        buildings, buildings.c.id == rooms.c.building_id
    )
    return {r.id: r.name for r in await session.execute(query)}


__all__ = ["add", "buildings", "find_by_name", "get", "list_all", "rooms", "subjects"]

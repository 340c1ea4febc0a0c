"""Schedule's academic years and terms as roster keeps them (OneRoster academicSessions)."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from tabel.schedule.v1 import calendar_pb2
from tabel_roster.adapters.projection_tables import academic_years, terms
from tabel_roster.adapters.proto_values import day


def term_values(t: calendar_pb2.Term) -> dict[str, Any]:
    starts, ends = day(t.starts_on), day(t.ends_on)
    if starts is None or ends is None:
        raise ValueError("a term without dates")
    return {
        "id": UUID(t.id),
        "school_id": UUID(t.school_id),
        "academic_year_id": UUID(t.academic_year_id),
        "kind": int(t.kind),
        "number": t.number,
        "grade_levels": list(t.grade_levels),
        "starts_on": starts,
        "ends_on": ends,
        "closed": t.closed,
    }


async def _upsert(session: AsyncSession, table: Any, values: dict[str, Any]) -> None:
    query = insert(table).values(**values)
    keys = {k: query.excluded[k] for k in values if k != "id"}
    await session.execute(query.on_conflict_do_update(index_elements=["id"], set_=keys))


async def put_year(session: AsyncSession, values: dict[str, Any]) -> None:
    await _upsert(session, academic_years, values)


async def put_term(session: AsyncSession, values: dict[str, Any]) -> None:
    await _upsert(session, terms, values)


async def years(session: AsyncSession) -> list[Any]:
    query = select(academic_years).order_by(academic_years.c.start_year)
    return list(await session.execute(query))


async def terms_of_school(session: AsyncSession) -> list[Any]:
    query = select(terms).order_by(terms.c.starts_on, terms.c.number, terms.c.grade_levels)
    return list(await session.execute(query))

"""Identity's local copy of roster's schools, fed by roster's events."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from uuid import UUID

from sqlalchemy import any_, select, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from tabel.roster.v1 import schools_pb2
from tabel_identity.adapters.tables import schools


@dataclass(frozen=True)
class KnownSchool:
    school_id: UUID
    municipality_id: UUID
    name: str
    short_name: str
    domains: list[str]
    status: str


async def upsert(session: AsyncSession, school: schools_pb2.School, at: datetime) -> None:
    values = {
        "school_id": UUID(school.id),
        "municipality_id": UUID(school.municipality_id),
        "name": school.name,
        "short_name": school.short_name,
        "domains": list(school.domains),
        "updated_at": at,
    }
    stmt = insert(schools).values(status="pending_activation", **values)
    # Only a newer event overwrites: redelivered or reordered older ones change nothing.
    stmt = stmt.on_conflict_do_update(
        index_elements=[schools.c.school_id],
        set_={k: stmt.excluded[k] for k in values if k != "school_id"},
        where=schools.c.updated_at < stmt.excluded.updated_at,
    )
    await session.execute(stmt)


async def get(session: AsyncSession, school_id: UUID) -> KnownSchool | None:
    row = (await session.execute(select(schools).where(schools.c.school_id == school_id))).first()
    if row is None:
        return None
    return KnownSchool(
        school_id=row.school_id,
        municipality_id=row.municipality_id,
        name=row.name,
        short_name=row.short_name,
        domains=list(row.domains),
        status=row.status,
    )


async def by_host(session: AsyncSession, host: str) -> KnownSchool | None:
    """The school served at `host` (needs an all-schools transaction)."""
    query = select(schools.c.school_id).where(any_(schools.c.domains) == host.lower())
    school_id = (await session.execute(query)).scalar_one_or_none()
    return await get(session, school_id) if school_id else None


async def activate(session: AsyncSession, school_id: UUID) -> bool:
    """pending_activation -> active; false if it was not pending (already active)."""
    stmt = (
        update(schools)
        .where(schools.c.school_id == school_id, schools.c.status == "pending_activation")
        .values(status="active")
    )
    return bool((await session.execute(stmt)).rowcount)  # type: ignore[attr-defined]

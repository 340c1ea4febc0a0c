"""Schools' registered clients in PostgreSQL (row-level security: one school's rows)."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from uuid import UUID

from sqlalchemy import select, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from tabel_identity.adapters.tables import school_clients
from tabel_identity.domain.school_clients import SchoolClient


def _client(row: Any) -> SchoolClient:
    return SchoolClient(
        client_id=row.client_id, school_id=row.school_id, name=row.name,
        scopes=frozenset(row.scopes), created_at=row.created_at, created_by=row.created_by,
        revoked_at=row.revoked_at,
    )  # fmt: skip


async def add(
    session: AsyncSession, realm: str, client: SchoolClient, *, if_missing: bool = False
) -> None:
    values = dict(
        school_id=client.school_id, client_id=client.client_id, realm=realm,
        name=client.name, scopes=sorted(client.scopes), created_at=client.created_at,
        created_by=client.created_by,
    )  # fmt: skip
    stmt = insert(school_clients).values(**values)
    if if_missing:
        stmt = stmt.on_conflict_do_nothing()
    await session.execute(stmt)


async def of_school(session: AsyncSession, realm: str, school_id: UUID) -> list[SchoolClient]:
    rows = await session.execute(
        select(school_clients)
        .where(school_clients.c.realm == realm, school_clients.c.school_id == school_id)
        .order_by(school_clients.c.created_at.desc(), school_clients.c.client_id)
    )
    return [_client(r) for r in rows]


async def revoke(
    session: AsyncSession, realm: str, school_id: UUID, client_id: str, *,
    at: datetime, by: UUID | None,
) -> bool:  # fmt: skip
    """Marks the school's active client revoked; False if there is none such."""
    done = await session.execute(
        update(school_clients)
        .where(
            school_clients.c.realm == realm,
            school_clients.c.school_id == school_id,
            school_clients.c.client_id == client_id,
            school_clients.c.revoked_at.is_(None),
        )
        .values(revoked_at=at, revoked_by=by)
        .returning(school_clients.c.client_id)
    )
    return done.first() is not None

"""Activation and invitation codes and wrong-guess records in PostgreSQL.

Single use is a conditional UPDATE: of two parallel redemptions the second waits for the
first's row lock and then finds the code used (PostgreSQL re-checks the WHERE clause)."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from uuid import UUID

from sqlalchemy import Table, func, insert, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from tabel_identity.adapters.tables import activation_codes, code_failures, invitations
from tabel_identity.domain.codes import CodeState
from tabel_identity.domain.throttle import Failures

TABLES = {"activation": activation_codes, "invitation": invitations}


async def add(session: AsyncSession, table: Table, values: dict[str, Any]) -> None:
    await session.execute(insert(table).values(**values))


async def find(session: AsyncSession, table: Table, code_hash: str) -> CodeState | None:
    c = table.c
    query = select(c.id, c.school_id, c.expires_at, c.revoked_at, c.used_at).where(
        c.code_hash == code_hash
    )
    row = (await session.execute(query)).first()
    return CodeState(*row) if row else None


async def take(
    session: AsyncSession, table: Table, code_hash: str, school_id: UUID, now: datetime
) -> Any:
    """Marks a live code of the school used; its row, or None if it was not live."""
    c = table.c
    stmt = (
        update(table)
        .where(c.code_hash == code_hash, c.school_id == school_id, c.used_at.is_(None))
        .where(c.revoked_at.is_(None), c.expires_at > now)
        .values(used_at=now)
        .returning(*table.c)
    )
    return (await session.execute(stmt)).first()


async def mark_used_by(session: AsyncSession, table: Table, code_id: UUID, account: UUID) -> None:
    await session.execute(update(table).where(table.c.id == code_id).values(used_by=account))


async def revoke(
    session: AsyncSession, table: Table, code_id: UUID, school_id: UUID, now: datetime
) -> bool:
    c = table.c
    stmt = (
        update(table)
        .where(c.id == code_id, c.school_id == school_id, c.used_at.is_(None))
        .where(c.revoked_at.is_(None))
        .values(revoked_at=now)
    )
    return bool((await session.execute(stmt)).rowcount)  # type: ignore[attr-defined]


async def revoke_live_of_school(session: AsyncSession, school_id: UUID, now: datetime) -> None:
    c = activation_codes.c
    await session.execute(
        update(activation_codes)
        .where(c.school_id == school_id, c.used_at.is_(None), c.revoked_at.is_(None))
        .where(c.expires_at > now)
        .values(revoked_at=now)
    )


async def add_failure(
    session: AsyncSession, *, source: str, school_id: UUID | None, at: datetime
) -> None:
    await session.execute(insert(code_failures).values(source=source, school_id=school_id, at=at))


async def failures(
    session: AsyncSession, *, source: str, school_id: UUID | None, since: datetime
) -> tuple[Failures, Failures]:
    f = code_failures.c
    stats = select(func.count(), func.max(f.at)).where(f.at >= since)
    by_source = (await session.execute(stats.where(f.source == source))).one()
    by_school = (
        (await session.execute(stats.where(f.school_id == school_id))).one()
        if school_id
        else (0, None)
    )
    return Failures(by_source[0], by_source[1]), Failures(by_school[0], by_school[1])

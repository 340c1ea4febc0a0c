"""Invitations in PostgreSQL (the generic code operations are in `codes_repo`), and which
people already have an account."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from uuid import UUID

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from tabel_identity.adapters.tables import accounts, invitations
from tabel_identity.domain.grants import Scope, ScopeKind
from tabel_identity.domain.invitations import Invitation
from tabel_identity.domain.permissions import Role


async def get(session: AsyncSession, invitation_id: UUID) -> Invitation | None:
    row = (
        await session.execute(select(invitations).where(invitations.c.id == invitation_id))
    ).first()
    return _invitation(row) if row else None


async def of_school(
    session: AsyncSession, school_id: UUID, *, person_id: UUID | None, limit: int, offset: int
) -> list[Invitation]:
    c = invitations.c
    query = select(invitations).where(c.school_id == school_id)
    if person_id is not None:
        query = query.where(c.person_id == person_id)
    query = query.order_by(c.issued_at.desc(), c.id).limit(limit).offset(offset)
    return [_invitation(r) for r in (await session.execute(query)).all()]


async def revoke_live_of_person(
    session: AsyncSession, school_id: UUID, person_id: UUID, now: datetime
) -> None:
    c = invitations.c
    await session.execute(
        update(invitations)
        .where(c.school_id == school_id, c.person_id == person_id, c.used_at.is_(None))
        .where(c.revoked_at.is_(None), c.expires_at > now)
        .values(revoked_at=now)
    )


async def accounts_of_people(
    session: AsyncSession, realm: str, person_ids: list[UUID]
) -> dict[UUID, str]:
    """person id -> username, for the people that have an account."""
    a = accounts.c
    query = select(a.person_id, a.username).where(a.realm == realm, a.person_id.in_(person_ids))
    return {row.person_id: row.username for row in (await session.execute(query)).all()}


def _invitation(row: Any) -> Invitation:
    scope = Scope(ScopeKind(row.scope_kind), row.scope_id) if row.scope_kind else None
    return Invitation(
        id=row.id, school_id=row.school_id, person_id=row.person_id, role=Role(row.role),
        scope=scope, issued_at=row.issued_at, expires_at=row.expires_at,
        revoked_at=row.revoked_at, used_at=row.used_at, used_by=row.used_by,
    )  # fmt: skip

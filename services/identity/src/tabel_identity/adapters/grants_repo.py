"""Grants and rights overrides in PostgreSQL (row-level security: the transaction's school
plus the platform grants, which have none)."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from uuid import UUID

from sqlalchemy import Row, delete, insert, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from tabel_identity.adapters.tables import grants, person_rights, role_rights
from tabel_identity.domain.errors import GrantExists
from tabel_identity.domain.grants import Grant, Overrides, Scope, ScopeKind
from tabel_identity.domain.permissions import Role

_LIVE = grants.c.revoked_at.is_(None)


async def add(session: AsyncSession, grant: Grant) -> None:
    values = {
        "id": grant.id,
        "account_id": grant.account_id,
        "subject": grant.subject,
        "person_id": grant.person_id,
        "school_id": grant.school_id,
        "role": grant.role.value,
        "scope_kind": grant.scope.kind.value if grant.scope else None,
        "scope_id": grant.scope.id if grant.scope else None,
        "granted_at": grant.granted_at,
        "granted_by": grant.granted_by,
        "expires_at": grant.expires_at,
    }
    try:
        async with session.begin_nested():
            await session.execute(insert(grants).values(**values))
    except IntegrityError as exc:
        raise GrantExists() from exc


async def get(session: AsyncSession, grant_id: UUID) -> Grant | None:
    row = (await session.execute(select(grants).where(grants.c.id == grant_id, _LIVE))).first()
    return _grant(row) if row else None


async def revoke(session: AsyncSession, grant_id: UUID, at: datetime) -> bool:
    result = await session.execute(
        update(grants).where(grants.c.id == grant_id, _LIVE).values(revoked_at=at)
    )
    return bool(result.rowcount)  # type: ignore[attr-defined]


async def of_subject(session: AsyncSession, subject: str) -> list[Grant]:
    """The subject's live grants visible in this transaction (its school and platform)."""
    query = select(grants).where(grants.c.subject == subject, _LIVE)
    return [_grant(r) for r in (await session.execute(query)).all()]


async def of_account(session: AsyncSession, account_id: UUID) -> list[Grant]:
    query = select(grants).where(grants.c.account_id == account_id, _LIVE)
    return [_grant(r) for r in (await session.execute(query)).all()]


async def search(
    session: AsyncSession,
    *,
    school_id: UUID | None,
    subject: str | None = None,
    person_id: UUID | None = None,
    role: Role | None = None,
    after: UUID | None = None,
    limit: int = 100,
) -> list[Grant]:
    query = select(grants).where(_LIVE).order_by(grants.c.id).limit(limit)
    if school_id is not None:
        query = query.where(grants.c.school_id == school_id)
    if subject:
        query = query.where(grants.c.subject == subject)
    if person_id is not None:
        query = query.where(grants.c.person_id == person_id)
    if role is not None:
        query = query.where(grants.c.role == role.value)
    if after is not None:
        query = query.where(grants.c.id > after)
    return [_grant(r) for r in (await session.execute(query)).all()]


async def role_overrides(session: AsyncSession, school_id: UUID) -> dict[Role, Overrides]:
    rows = (
        await session.execute(select(role_rights).where(role_rights.c.school_id == school_id))
    ).all()
    found: dict[Role, tuple[set[str], set[str]]] = {}
    for row in rows:
        added, removed = found.setdefault(Role(row.role), (set(), set()))
        (added if row.effect == "add" else removed).add(row.permission)
    return {r: Overrides(frozenset(a), frozenset(d)) for r, (a, d) in found.items()}


async def person_overrides(session: AsyncSession, school_id: UUID, account_id: UUID) -> Overrides:
    query = select(person_rights).where(
        person_rights.c.school_id == school_id, person_rights.c.account_id == account_id
    )
    rows = (await session.execute(query)).all()
    return Overrides(
        frozenset(r.permission for r in rows if r.effect == "add"),
        frozenset(r.permission for r in rows if r.effect == "remove"),
    )


async def set_role_overrides(
    session: AsyncSession, school_id: UUID, role: Role, overrides: Overrides
) -> None:
    table = role_rights
    await session.execute(
        delete(table).where(table.c.school_id == school_id, table.c.role == role.value)
    )
    rows = _rows(overrides, school_id=school_id, role=role.value)
    if rows:
        await session.execute(insert(table), rows)


async def set_person_overrides(
    session: AsyncSession, school_id: UUID, account_id: UUID, overrides: Overrides
) -> None:
    table = person_rights
    await session.execute(
        delete(table).where(table.c.school_id == school_id, table.c.account_id == account_id)
    )
    rows = _rows(overrides, school_id=school_id, account_id=account_id)
    if rows:
        await session.execute(insert(table), rows)


def _rows(overrides: Overrides, **key: Any) -> list[dict[str, Any]]:
    return [{**key, "permission": p, "effect": "add"} for p in sorted(overrides.added)] + [
        {**key, "permission": p, "effect": "remove"} for p in sorted(overrides.removed)
    ]


def _grant(row: Row[Any]) -> Grant:
    scope = Scope(ScopeKind(row.scope_kind), row.scope_id) if row.scope_kind else None
    return Grant(
        id=row.id,
        account_id=row.account_id,
        subject=row.subject,
        role=Role(row.role),
        school_id=row.school_id,
        person_id=row.person_id,
        scope=scope,
        granted_at=row.granted_at,
        granted_by=row.granted_by,
        expires_at=row.expires_at,
    )

"""The audit log in PostgreSQL: logins, failed logins, code redemptions, grant and rights
changes; a school's rows are visible only in that school's transactions."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from uuid import UUID, uuid4

from sqlalchemy import func, insert, select
from sqlalchemy.ext.asyncio import AsyncSession

from tabel_identity.adapters.tables import audit_log


@dataclass(frozen=True)
class Source:
    """Where a request came from."""

    ip: str = ""
    user_agent: str = ""


@dataclass(frozen=True)
class AuditEntry:
    kind: str  # login | login_failed | activation_redeemed | ... (see AUDIT_KINDS)
    outcome: str  # ok | refused
    at: datetime
    school_id: UUID | None = None
    actor_account_id: UUID | None = None
    username: str = ""
    source: Source = Source()
    details: dict[str, Any] = field(default_factory=dict)
    id: UUID = field(default_factory=uuid4)


AUDIT_KINDS = (
    "login",
    "login_failed",
    "activation_redeemed",
    "activation_refused",
    "invitation_redeemed",
    "invitation_refused",
    "grant_added",
    "grant_revoked",
    "role_rights_changed",
    "person_rights_changed",
    "password_reset",
    "password_changed",
    "logins_generated",
    "client_registered",
    "client_revoked",
)


async def record(session: AsyncSession, entry: AuditEntry) -> None:
    await session.execute(
        insert(audit_log).values(
            id=entry.id,
            school_id=entry.school_id,
            at=entry.at,
            kind=entry.kind,
            outcome=entry.outcome,
            actor_account_id=entry.actor_account_id,
            username=entry.username[:200],
            ip=entry.source.ip[:100],
            user_agent=entry.source.user_agent[:500],
            details=entry.details,
        )
    )


async def search(
    session: AsyncSession,
    *,
    school_id: UUID,
    kinds: list[str] | None = None,
    outcome: str | None = None,
    username: str | None = None,
    since: datetime | None = None,
    until: datetime | None = None,
    limit: int = 50,
    offset: int = 0,
) -> tuple[list[AuditEntry], int]:
    where = [audit_log.c.school_id == school_id]
    if kinds:
        where.append(audit_log.c.kind.in_(kinds))
    if outcome:
        where.append(audit_log.c.outcome == outcome)
    if username:
        where.append(func.lower(audit_log.c.username) == username.lower())
    if since:
        where.append(audit_log.c.at >= since)
    if until:
        where.append(audit_log.c.at < until)
    total = (await session.execute(select(func.count()).where(*where))).scalar_one()
    query = (
        select(audit_log).where(*where).order_by(audit_log.c.at.desc(), audit_log.c.id)
        .limit(limit).offset(offset)
    )  # fmt: skip
    rows = (await session.execute(query)).all()
    entries = [
        AuditEntry(
            id=r.id,
            kind=r.kind,
            outcome=r.outcome,
            at=r.at,
            school_id=r.school_id,
            actor_account_id=r.actor_account_id,
            username=r.username,
            source=Source(r.ip, r.user_agent),
            details=dict(r.details),
        )
        for r in rows
    ]
    return entries, int(total)

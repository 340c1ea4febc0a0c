"""Reads of the projected role grants, for access decisions."""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from tabel_platform.auth.principal import Principal
from tabel_reporting.domain.access import GrantRow, Rights

_GRANTS = text(
    """SELECT role, scope_kind, scope_id, school_id FROM grants
    WHERE NOT revoked AND (subject = :subject OR person_id = CAST(:person AS uuid))
    ORDER BY grant_id"""
)


async def rights_of(session: AsyncSession, principal: Principal) -> Rights:
    rows = await session.execute(
        _GRANTS, {"subject": principal.subject, "person": principal.person_id}
    )
    return Rights(
        grants=tuple(GrantRow(r.role, r.scope_kind, r.scope_id, r.school_id) for r in rows),
        person_id=principal.person_id,
        token_roles=principal.roles,
    )

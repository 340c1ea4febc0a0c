"""Loading the facts an access decision needs about the caller, in one round trip: the roles
identity granted them in the school (unexpired) and the children roster links them to."""

from __future__ import annotations

from uuid import UUID

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from tabel_platform.auth.principal import Principal
from tabel_schedule.access import PLATFORM_ROLES, Facts

_FACTS = text("""
SELECT 'role' AS kind, role AS value FROM grants
 WHERE school_id = :s AND person_id = :p AND (expires_at IS NULL OR expires_at > now())
UNION ALL
SELECT 'child', student_id::text FROM guardianships WHERE school_id = :s AND guardian_id = :p
""")


async def facts_of(session: AsyncSession, *, principal: Principal, school_id: UUID) -> Facts:
    person = principal.person_id
    roles: set[str] = set()
    children: set[UUID] = set()
    if person is not None:
        for kind, value in await session.execute(_FACTS, {"s": school_id, "p": person}):
            if kind == "role":
                roles.add(value)
            else:
                children.add(UUID(value))
    return Facts(
        person_id=person,
        roles=frozenset(roles),
        children=frozenset(children),
        is_service=principal.is_service,
        # From the token only what is not a school's to grant (DESIGN.md, platform roles).
        platform_roles=principal.roles & PLATFORM_ROLES,
    )

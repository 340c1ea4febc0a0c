"""Management's permits to change a closed term's entries: SQL only."""

from __future__ import annotations

from uuid import UUID

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

_PERMIT = text("""INSERT INTO closed_term_permits
  (school_id, term_id, person_id, granted_by, reason, granted_at)
VALUES (:s, :t, :p, :by, :r, now()) ON CONFLICT (school_id, term_id, person_id)
DO UPDATE SET granted_by = EXCLUDED.granted_by, reason = EXCLUDED.reason, granted_at = now()""")
_HAS_PERMIT = text(
    "SELECT 1 FROM closed_term_permits WHERE school_id = :s AND term_id = :t AND person_id = :p"
)


async def grant(
    session: AsyncSession,
    *,
    school_id: UUID,
    term_id: UUID,
    person_id: UUID,
    granted_by: UUID,
    reason: str,
) -> None:
    await session.execute(
        _PERMIT, {"s": school_id, "t": term_id, "p": person_id, "by": granted_by, "r": reason}
    )


async def held(session: AsyncSession, *, school_id: UUID, term_id: UUID, person_id: UUID) -> bool:
    found = await session.execute(_HAS_PERMIT, {"s": school_id, "t": term_id, "p": person_id})
    return found.first() is not None

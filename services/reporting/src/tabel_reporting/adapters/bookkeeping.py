"""Per event, besides its read model: the consumer's progress and the actor's activity."""

from __future__ import annotations

from datetime import datetime
from uuid import UUID

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

_PROGRESS = text(
    """INSERT INTO projection_state (consumer, events, last_event_at) VALUES (:c, 1, :at)
    ON CONFLICT (consumer) DO UPDATE SET events = projection_state.events + 1,
        last_event_at = greatest(projection_state.last_event_at, EXCLUDED.last_event_at)"""
)
_ACTIVITY = text(
    """INSERT INTO activity (school_id, month, person_id, action, events)
    VALUES (:school, date_trunc('month', CAST(:at AS timestamptz) AT TIME ZONE 'UTC')::date,
            :person, :action, :n)
    ON CONFLICT (school_id, month, person_id, action)
    DO UPDATE SET events = activity.events + EXCLUDED.events"""
)


async def count_event(session: AsyncSession, consumer: str, at: datetime) -> None:
    await session.execute(_PROGRESS, {"c": consumer, "at": at})


async def count_activity(
    session: AsyncSession,
    *,
    school_id: UUID,
    person_id: UUID,
    action: str,
    at: datetime,
    n: int = 1,
) -> None:
    """`n` more actions of a person in a month; the inbox makes each event count once."""
    await session.execute(
        _ACTIVITY, {"school": school_id, "person": person_id, "action": action, "at": at, "n": n}
    )

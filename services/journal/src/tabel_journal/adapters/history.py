"""The change history of journal entries: who, when, before, after, why — every version."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from uuid import UUID

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

_INSERT = text(
    "INSERT INTO history (school_id, entity, entity_id, version, at, actor_person_id, "
    "actor_subject, action, before, after, reason) VALUES (:school_id, :entity, :entity_id, "
    ":version, :at, :actor_person_id, :actor_subject, :action, CAST(:before AS jsonb), "
    "CAST(:after AS jsonb), :reason)"
)
_READ = text(
    "SELECT version, at, actor_person_id, actor_subject, action, before, after, reason "
    "FROM history WHERE school_id = :s AND entity = :e AND entity_id = :id ORDER BY version"
)


@dataclass
class Change:
    entity: str  # "mark" | "attendance" | "lesson_record" | "final_mark" | "homework"
    entity_id: str
    version: int
    action: str  # "create" | "update" | "delete"
    before: dict[str, Any] | None
    after: dict[str, Any] | None
    reason: str = ""


def _json(value: dict[str, Any] | None) -> str | None:
    return None if value is None else json.dumps(value, default=str, ensure_ascii=False)


async def record(
    session: AsyncSession,
    *,
    school_id: UUID,
    at: datetime,
    actor_person_id: UUID | None,
    actor_subject: str,
    changes: list[Change],
) -> None:
    if not changes:
        return
    await session.execute(
        _INSERT,
        [
            {
                "school_id": school_id,
                "entity": c.entity,
                "entity_id": c.entity_id,
                "version": c.version,
                "at": at,
                "actor_person_id": actor_person_id,
                "actor_subject": actor_subject,
                "action": c.action,
                "before": _json(c.before),
                "after": _json(c.after),
                "reason": c.reason,
            }
            for c in changes
        ],
    )


async def read(session: AsyncSession, *, school_id: UUID, entity: str, entity_id: str) -> list[Any]:
    return list(
        (await session.execute(_READ, {"s": school_id, "e": entity, "id": entity_id})).all()
    )

"""The change history of journal entries: who, when, before, after, why — every version."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any
from uuid import UUID

import orjson
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

_COLUMNS = (
    ("entity", "text"),
    ("entity_id", "text"),
    ("version", "int"),
    ("at", "timestamptz"),
    ("actor_person_id", "uuid"),
    ("actor_subject", "text"),
    ("action", "text"),
    ("before", "jsonb"),
    ("after", "jsonb"),
    ("reason", "text"),
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


def insert_cte(name: str, param: str) -> str:
    """A CTE appending the history rows given as a JSON array in `:param` (school in `:s`)."""
    names = ", ".join(c for c, _ in _COLUMNS)
    return (
        f"{name} AS (INSERT INTO history (school_id, {names}) SELECT :s, {names} "  # noqa: S608 (names from this module)
        f"FROM jsonb_to_recordset(CAST(:{param} AS jsonb)) "
        f"AS r({', '.join(f'{c} {t}' for c, t in _COLUMNS)}) RETURNING 1)"
    )


_INSERT = text(f"WITH {insert_cte('h', 'history')} SELECT count(*) FROM h")  # noqa: S608 (names from this module)


def rows(
    changes: list[Change], *, at: datetime, actor_person_id: UUID | None, actor_subject: str
) -> list[dict[str, Any]]:
    """History rows for `insert_cte` (before/after may hold ids, dates and times)."""
    return [
        {
            "entity": c.entity,
            "entity_id": c.entity_id,
            "version": c.version,
            "at": at,
            "actor_person_id": actor_person_id,
            "actor_subject": actor_subject,
            "action": c.action,
            "before": c.before,
            "after": c.after,
            "reason": c.reason,
        }
        for c in changes
    ]


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
    found = rows(changes, at=at, actor_person_id=actor_person_id, actor_subject=actor_subject)
    await session.execute(
        _INSERT, {"s": school_id, "history": orjson.dumps(found, default=str).decode()}
    )


async def read(session: AsyncSession, *, school_id: UUID, entity: str, entity_id: str) -> list[Any]:
    return list(
        (await session.execute(_READ, {"s": school_id, "e": entity, "id": entity_id})).all()
    )

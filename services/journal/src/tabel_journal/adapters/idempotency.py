"""Idempotency keys: a retried write returns the first answer and changes nothing.

The key is claimed inside the write's own transaction: a concurrent retry waits on the
row lock and then sees the committed answer; a failed write rolls its claim back.
"""

from __future__ import annotations

import hashlib
from typing import Any
from uuid import UUID

import orjson
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from tabel_platform.errors import Conflict

_CLAIM = text(
    "INSERT INTO idempotency_keys (school_id, key, actor, request_hash) "
    "VALUES (:s, :k, :a, :h) ON CONFLICT DO NOTHING RETURNING key"
)
_EXISTING = text(
    "SELECT request_hash, status_code, response FROM idempotency_keys "
    "WHERE school_id = :s AND key = :k AND actor = :a"
)
_STORE = text(
    "UPDATE idempotency_keys SET status_code = :c, response = CAST(:r AS jsonb) "
    "WHERE school_id = :s AND key = :k AND actor = :a"
)


def request_hash(payload: Any) -> str:
    raw = orjson.dumps(payload, option=orjson.OPT_SORT_KEYS, default=str)
    return hashlib.sha256(raw).hexdigest()


async def claim(
    session: AsyncSession, *, school_id: UUID, key: str, actor: str, payload_hash: str
) -> Any | None:
    """None when the key is new (go ahead); otherwise the stored answer of the first request."""
    params = {"s": school_id, "k": key, "a": actor, "h": payload_hash}
    if (await session.execute(_CLAIM, params)).first() is not None:
        return None
    row = (await session.execute(_EXISTING, params)).one()
    if row.request_hash != payload_hash:
        raise Conflict("journal.idempotency_key_reused", code="idempotency_key_reused")
    return row.response


async def store(
    session: AsyncSession, *, school_id: UUID, key: str, actor: str, response: Any
) -> None:
    await session.execute(
        _STORE,
        {
            "s": school_id,
            "k": key,
            "a": actor,
            "c": 200,
            "r": orjson.dumps(response, default=str).decode(),
        },
    )

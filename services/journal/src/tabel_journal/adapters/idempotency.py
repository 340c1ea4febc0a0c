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

CLAIM_SQL = (
    "INSERT INTO idempotency_keys (school_id, key, actor, request_hash) "
    "VALUES (:s, :k, :a, :h) ON CONFLICT DO NOTHING RETURNING key"
)
_CLAIM = text(CLAIM_SQL)
_EXISTING = text(
    "SELECT request_hash, status_code, response FROM idempotency_keys "
    "WHERE school_id = :s AND key = :k AND actor = :a"
)
STORE_SQL = (
    "UPDATE idempotency_keys SET status_code = 200, response = CAST(:answer AS jsonb) "
    "WHERE school_id = :s AND key = :answer_key AND actor = :answer_actor"
)
STORE = text(STORE_SQL)


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
    return await first_answer(
        session, school_id=school_id, key=key, actor=actor, payload_hash=payload_hash
    )


async def first_answer(
    session: AsyncSession, *, school_id: UUID, key: str, actor: str, payload_hash: str
) -> Any:
    """The stored answer for a key claimed before (refused if the request differs)."""
    params = {"s": school_id, "k": key, "a": actor}
    row = (await session.execute(_EXISTING, params)).one()
    if row.request_hash != payload_hash:
        raise Conflict("journal.idempotency_key_reused", code="idempotency_key_reused")
    return row.response


def answer_params(school_id: UUID, key: str, actor: str, answer_json: str) -> dict[str, Any]:
    """Parameters of STORE_SQL: the answer (JSON text) of a claimed key."""
    return {"s": school_id, "answer_key": key, "answer_actor": actor, "answer": answer_json}


async def store(
    session: AsyncSession, *, school_id: UUID, key: str, actor: str, response: Any
) -> None:
    answer = orjson.dumps(response, default=str).decode()
    await session.execute(STORE, answer_params(school_id, key, actor, answer))

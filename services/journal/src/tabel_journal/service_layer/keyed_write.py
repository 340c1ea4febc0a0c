"""A write that a retry with the request's idempotency key does not repeat: the key claimed,
the write done and its answer stored, all in the write's own transaction (a failed write
rolls its claim back; a concurrent retry waits on the claim and then reads the answer).

The lesson save does the same in fewer statements (save_prelude, entries.save) and does not
come here: it is the hot path."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any
from uuid import UUID

from tabel_journal.adapters import idempotency
from tabel_journal.service_layer.lesson_journal import _person
from tabel_platform.auth.principal import Principal
from tabel_platform.db.uow import UnitOfWork
from tabel_platform.runtime import Runtime

Write = Callable[[UnitOfWork], Awaitable[dict[str, Any]]]


async def write_once(
    runtime: Runtime,
    school_id: UUID,
    principal: Principal,
    key: str | None,
    payload: Any,
    write: Write,
    /,
) -> dict[str, Any]:
    """`write`'s answer, in one transaction as `principal`, who must be a person (refused
    before the key is claimed). With `key`: the first answer for a retry of the same
    `payload`, which writes nothing; a Conflict for another payload."""
    _person(principal)
    async with runtime.uow(school_id=school_id, actor=principal.actor()) as uow:
        if not key:
            return await write(uow)
        s, actor = uow.session, principal.subject
        payload_hash = idempotency.request_hash(payload)
        stored = await idempotency.claim(
            s, school_id=school_id, key=key, actor=actor, payload_hash=payload_hash
        )
        if stored is not None:
            return dict(stored)
        answer = await write(uow)
        await idempotency.store(s, school_id=school_id, key=key, actor=actor, response=answer)
        return answer

"""`tabel-dev up` waits between seeds until every outbox is published: what the wait counts.
The test has a NATS server of its own: the session's carries other tests' consumers, whose
backlog is not this test's to wait for."""

from __future__ import annotations

from typing import Any

import asyncpg

from tabel_devstack.postgres import plain_url
from tabel_devstack.settle import backlog, wait_settled
from tabel_devstack.testing import DatabaseFactory


async def test_unpublished_outbox_rows_are_waited_for(
    make_database: DatabaseFactory, own_nats_server: Any
) -> None:
    publishing, silent = await make_database(), await make_database()
    conn = await asyncpg.connect(plain_url(publishing))
    try:
        await conn.execute("CREATE TABLE outbox (id int, published_at timestamptz)")
        await conn.execute("INSERT INTO outbox VALUES (1, NULL), (2, now())")
        left = await backlog([publishing, silent], own_nats_server.url)
        assert list(left.outboxes.values()) == [1], "the silent service has no outbox"
        assert not left.empty and "outbox of" in str(left)

        await conn.execute("UPDATE outbox SET published_at = now()")
        assert (await wait_settled([publishing, silent], own_nats_server.url, within=10)).empty
    finally:
        await conn.close()

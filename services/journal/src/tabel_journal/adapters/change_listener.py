"""Writes committed by other journal processes and replicas, heard through PostgreSQL.

Every journal table that a cache reads notifies `tabel_journal_changes` when a transaction
writing it commits: with the school (migration 0003), or with the school and the lessons
whose entries it wrote (migration 0005). This process listens on a connection of its own and
bumps them in its `WriteWatch`, so read caches drop what changed within milliseconds of
another process's commit, not after their ttl.

While the connection is down nothing is heard: the caches' ttl is the bound then. Once it is
back every school is bumped, since notifications sent in the gap are lost. A connection that
died silently is found by a ping every `ping_s`.
"""

from __future__ import annotations

import asyncio
import contextlib
from typing import Any

import asyncpg
from sqlalchemy.ext.asyncio import AsyncEngine

from tabel_journal.adapters.write_watch import WriteWatch
from tabel_platform.logging import get_logger

CHANNEL = "tabel_journal_changes"
_ALL = "*"
log = get_logger(__name__)


class ChangeListener:
    def __init__(
        self, engine: AsyncEngine, watch: WriteWatch, *, ping_s: float = 15.0, retry_s: float = 1.0
    ) -> None:
        # A plain asyncpg connection of its own (as the outbox relay's): a pooled one would
        # be held for good and could be recycled under the listener.
        self._dsn = engine.url.set(drivername="postgresql").render_as_string(hide_password=False)
        self._watch = watch
        self._ping_s, self._retry_s = ping_s, retry_s
        self._task: asyncio.Task[None] | None = None
        self.listening = asyncio.Event()

    async def start(self, *, wait_s: float = 5.0) -> None:
        """Listen in the background; wait up to `wait_s` for the first connection, so writes
        right after start are heard (a database that is not up yet is retried meanwhile)."""
        self._task = asyncio.create_task(self._run(), name="journal-change-listener")
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self.listening.wait(), wait_s)

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
            self._task = None

    async def _run(self) -> None:
        while True:
            try:
                await self._listen()
            except Exception as exc:  # database down or connection lost: the ttl bounds it
                log.warning("journal.change_listener_down", error=str(exc))
            await asyncio.sleep(self._retry_s)

    async def _listen(self) -> None:
        conn: asyncpg.Connection = await asyncpg.connect(self._dsn)
        closed = asyncio.Event()
        conn.add_termination_listener(lambda _conn: closed.set())
        try:
            await conn.add_listener(CHANNEL, self._heard)
            self._watch.bump(_ALL)  # whatever was committed while nobody listened
            self.listening.set()
            while True:
                try:
                    await asyncio.wait_for(closed.wait(), self._ping_s)
                except TimeoutError:
                    await conn.fetchval("SELECT 1", timeout=self._ping_s)
                else:
                    log.warning("journal.change_listener_closed")
                    return
        finally:
            self.listening.clear()
            conn.terminate()

    def _heard(self, _conn: Any, _pid: int, _channel: str, payload: str) -> None:
        self._watch.heard(payload or _ALL)

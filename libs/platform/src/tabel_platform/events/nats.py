"""One NATS connection per process, kept alive through outages.

The service starts even when NATS is down (readiness says so); the connection is
retried in the background and nats-py reconnects by itself afterwards.
"""

from __future__ import annotations

import asyncio
import contextlib

import nats
from nats.aio.client import Client
from nats.js import JetStreamContext

from tabel_platform.logging import get_logger
from tabel_platform.metrics import nats_connected

log = get_logger(__name__)


class NatsConnection:
    def __init__(self, url: str, *, name: str) -> None:
        self.url = url
        self.name = name
        self._nc: Client | None = None
        self._ready = asyncio.Event()
        self._task: asyncio.Task[None] | None = None

    @property
    def connected(self) -> bool:
        return self._nc is not None and self._nc.is_connected

    @property
    def js(self) -> JetStreamContext:
        if self._nc is None:
            raise ConnectionError("NATS is not connected yet")
        return self._nc.jetstream()

    async def wait_connected(self) -> None:
        await self._ready.wait()

    def start(self) -> None:
        self._task = asyncio.create_task(self._connect_forever(), name=f"nats-connect-{self.name}")

    async def _connect_forever(self) -> None:
        delay = 0.2
        while self._nc is None:
            try:
                self._nc = await nats.connect(
                    servers=[self.url],
                    name=self.name,
                    allow_reconnect=True,
                    max_reconnect_attempts=-1,
                    reconnect_time_wait=0.5,
                    connect_timeout=2,
                    disconnected_cb=self._on_disconnected,
                    reconnected_cb=self._on_reconnected,
                    error_cb=self._on_error,
                )
            except Exception as exc:  # any failure to connect: retry, NATS may come later
                log.warning("nats.connect_failed", url=self.url, error=str(exc))
                await asyncio.sleep(delay)
                delay = min(delay * 2, 5.0)
        nats_connected.set(1)
        self._ready.set()
        log.info("nats.connected", url=self.url)

    async def _on_disconnected(self) -> None:
        nats_connected.set(0)
        log.warning("nats.disconnected")

    async def _on_reconnected(self) -> None:
        nats_connected.set(1)
        log.info("nats.reconnected")

    async def _on_error(self, exc: Exception) -> None:
        log.debug("nats.error", error=str(exc))

    async def close(self) -> None:
        if self._task:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await self._task
        if self._nc is not None:
            # Drain delivers what is in flight; when NATS is gone it would wait ~30 s for nothing.
            with contextlib.suppress(Exception):
                await asyncio.wait_for(self._nc.drain(), 2.0)
            with contextlib.suppress(Exception):
                await self._nc.close()
        nats_connected.set(0)

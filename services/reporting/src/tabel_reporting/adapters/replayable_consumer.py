"""An EventConsumer that can be paused and started again from the stream's first event.

The platform's consumer pulls from a durable JetStream consumer until stopped. A rebuild
needs more: stop pulling, delete the durable consumer (so the next one starts at the first
event), empty the read models, pull again. This one runs the platform's pull loop in rounds
and waits between them; `pause()` returns once the current round has ended.
"""

from __future__ import annotations

import asyncio
import contextlib

from nats.js.errors import NotFoundError

from tabel_platform.db.database import Database
from tabel_platform.events.consumer import EventConsumer
from tabel_platform.events.nats import NatsConnection
from tabel_platform.events.streams import stream_name
from tabel_platform.logging import get_logger

log = get_logger(__name__)


class ReplayableConsumer(EventConsumer):
    def __init__(
        self, *, name: str, source_service: str, db: Database, nats: NatsConnection
    ) -> None:
        super().__init__(name=name, source_service=source_service, db=db, nats=nats)
        self.source = source_service
        self.stream = stream_name(source_service)
        self._closed = False
        self._may_run = asyncio.Event()
        self._may_run.set()
        self._idle = asyncio.Event()
        self._idle.set()

    async def run(self) -> None:
        while not self._closed:
            await self._may_run.wait()
            if self._closed:
                return
            self._stopping = False
            self._idle.clear()
            try:
                await self._pull_until_stopped()
            finally:
                self._idle.set()

    async def _pull_until_stopped(self) -> None:
        await super().run()

    async def pause(self) -> None:
        """Stop pulling; returns when the events already fetched have been applied."""
        self._may_run.clear()
        self._stopping = True
        await self._idle.wait()

    async def forget_position(self) -> None:
        """Delete the durable consumer: the next round starts at the stream's first event."""
        with contextlib.suppress(NotFoundError):
            await self._nats.js.delete_consumer(self.stream, self.name)

    def resume(self) -> None:
        self._may_run.set()

    def stop(self) -> None:
        self._closed = True
        self._stopping = True
        self._may_run.set()

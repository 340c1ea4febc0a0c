"""One service process: HTTP (uvicorn), gRPC, the outbox relay and the event consumers,
in one event loop, built from a `ServiceSpec` and torn down in reverse order.

Every service's `__main__` is ``main(SPEC)``: ``python -m tabel_x serve|migrate|seed-demo``.
``serve --workers N`` (or ``HTTP_WORKERS=N``) forks N such processes sharing one HTTP socket:
each runs its own loop with HTTP, the outbox relay (rows are claimed FOR UPDATE SKIP LOCKED)
and the consumers (durable pull consumers share the work); only worker 0 serves gRPC.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import gc
import multiprocessing
import multiprocessing.connection
import os
import signal
import socket
import sys
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from types import TracebackType
from typing import Self

import grpc
import uvicorn
from fastapi import APIRouter, FastAPI

from tabel_platform.auth.tokens import TokenValidator
from tabel_platform.db.database import Database
from tabel_platform.db.migrate import upgrade
from tabel_platform.events.consumer import EventConsumer
from tabel_platform.events.nats import NatsConnection
from tabel_platform.events.relay import OutboxRelay
from tabel_platform.grpc.client import ClientCredentials, create_channel
from tabel_platform.grpc.server import Registration, create_grpc_server, set_serving
from tabel_platform.http.app import create_http_app
from tabel_platform.http.school_resolver import CachedSchoolResolver, roster_lookup
from tabel_platform.logging import configure_logging, get_logger
from tabel_platform.runtime import Runtime
from tabel_platform.settings import ServiceSettings

log = get_logger(__name__)


@dataclass
class ServiceSpec:
    name: str
    title: str
    description: str
    migrations: str  # e.g. "tabel_roster:migrations"
    routers: Callable[[Runtime], Sequence[APIRouter]]
    grpc_services: Callable[[Runtime], Sequence[tuple[str, Registration]]] = lambda _: ()
    consumers: Callable[[Runtime], Sequence[EventConsumer]] = lambda _: ()
    # Runs before the servers start (e.g. load keys, warm caches); may stash things in extras.
    on_start: Callable[[Runtime], Awaitable[None]] | None = None
    # Runs after the servers and background loops stopped, before the database is closed.
    on_stop: Callable[[Runtime], Awaitable[None]] | None = None
    seed_demo: Callable[[Runtime], Awaitable[list[str]]] | None = None
    settings_type: type[ServiceSettings] = ServiceSettings
    configure_app: Callable[[FastAPI, Runtime], None] | None = None


def build_runtime(spec: ServiceSpec, settings: ServiceSettings) -> Runtime:
    return Runtime(
        settings=settings,
        db=Database(settings.database_url, pool_size=settings.database_pool_size),
        nats=NatsConnection(settings.nats_url, name=spec.name),
        validator=TokenValidator(issuers=settings.issuers, audience=settings.oidc_audience),
    )


class RunningService:
    """Starts everything but the HTTP listener; `http_app` is ready for uvicorn or httpx."""

    def __init__(
        self, spec: ServiceSpec, settings: ServiceSettings, *, serve_grpc: bool = True
    ) -> None:
        self.spec = spec
        self._serve_grpc = serve_grpc
        self.runtime = build_runtime(spec, settings)
        self._tasks: list[asyncio.Task[None]] = []
        self._relay = OutboxRelay(self.runtime.db, self.runtime.nats, service=spec.name)
        self._consumers = list(spec.consumers(self.runtime))
        rt = self.runtime
        self.http_app = create_http_app(
            title=spec.title,
            description=spec.description,
            routers=spec.routers(rt),
            readiness=[("database", self._db_ready), ("nats", self._nats_ready)],
        )
        self.http_app.state.runtime = rt
        self.http_app.state.token_validator = rt.validator
        self._channels = _install_school_resolver(self.http_app, spec, settings)
        if spec.configure_app:
            spec.configure_app(self.http_app, rt)
        grpc_services = spec.grpc_services(rt)
        self._grpc_names = [name for name, _ in grpc_services]
        self.grpc_server, self._health = create_grpc_server(
            validator=rt.validator,
            register=[register for _, register in grpc_services],
            service_names=self._grpc_names,
            default_deadline_s=settings.grpc_default_deadline_s,
        )
        self.grpc_port = 0

    async def _db_ready(self) -> bool:
        await self.runtime.db.ping()
        return True

    async def _nats_ready(self) -> bool:
        return self.runtime.nats.connected

    async def __aenter__(self) -> Self:
        rt = self.runtime
        rt.nats.start()
        if self.spec.on_start:
            await self.spec.on_start(rt)
        self._spawn(self._relay.run(), "outbox-relay")
        for consumer in self._consumers:
            self._spawn(consumer.run(), consumer.name)
        if self._serve_grpc:
            address = f"{rt.settings.grpc_host}:{rt.settings.grpc_port}"
            self.grpc_port = self.grpc_server.add_insecure_port(address)
            await self.grpc_server.start()
            await set_serving(self._health, self._grpc_names, serving=True)
        log.info("service.started", grpc=f"{rt.settings.grpc_host}:{self.grpc_port}")
        return self

    def _spawn(self, coro: Awaitable[None], name: str) -> None:
        async def guarded() -> None:
            try:
                await coro
            except asyncio.CancelledError:
                raise
            except Exception:  # a background loop died: log loudly, readiness will tell
                log.exception("service.background_task_died", task=name)

        self._tasks.append(asyncio.create_task(guarded(), name=name))

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if self._serve_grpc:
            await set_serving(self._health, self._grpc_names, serving=False)
            await self.grpc_server.stop(grace=5)
        await self._relay.stop()
        for consumer in self._consumers:
            consumer.stop()
        for task in self._tasks:
            task.cancel()
        for task in self._tasks:
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await task
        if self.spec.on_stop:
            await self.spec.on_stop(self.runtime)
        for channel in self._channels:
            await channel.close(grace=None)
        await self.runtime.nats.close()
        await self.runtime.validator.aclose()
        await self.runtime.db.dispose()


def _install_school_resolver(
    app: FastAPI, spec: ServiceSpec, settings: ServiceSettings
) -> list[grpc.aio.Channel]:
    """Other services ask roster which school a host serves (roster answers from its own DB)."""
    target = settings.tabel_roster_grpc_target
    if spec.name == "roster" or not target or not settings.oidc_client_id:
        return []
    tokens = ClientCredentials(
        issuer=settings.issuers[0],
        client_id=settings.oidc_client_id,
        client_secret=settings.oidc_client_secret,
    )
    channel = create_channel(target, tokens=tokens)
    app.state.school_resolver = CachedSchoolResolver(roster_lookup(channel))
    return [channel]


async def serve(
    spec: ServiceSpec,
    settings: ServiceSettings,
    *,
    sock: socket.socket | None = None,
    serve_grpc: bool = True,
) -> None:
    async with RunningService(spec, settings, serve_grpc=serve_grpc) as service:
        # What is alive once the service is up (modules, the app, pools, caches' skeletons)
        # lives as long as the process: keep it out of the collector's generations, so a
        # full collection scans only what requests made. Without this, full collections
        # stalled the loop for tens of milliseconds (the lesson save's p99 at 50 teachers:
        # 118–139 ms with, 48–49 ms without those stalls; bench/journal/run.py).
        gc.collect()
        gc.freeze()
        config = uvicorn.Config(
            service.http_app,
            host=settings.http_host,
            port=settings.http_port,
            log_config=None,
            access_log=False,
            lifespan="off",
        )
        log.info("service.http", url=f"http://{settings.http_host}:{settings.http_port}")
        await uvicorn.Server(config).serve(sockets=[sock] if sock else None)


def _worker(spec: ServiceSpec, settings: ServiceSettings, sock: socket.socket, n: int) -> None:
    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(serve(spec, settings, sock=sock, serve_grpc=n == 0))


def serve_workers(spec: ServiceSpec, settings: ServiceSettings, workers: int) -> int:
    """Fork `workers` service processes on one listening socket; stop them all on SIGTERM or
    SIGINT, or when one of them exits. Returns the exit code."""
    family = socket.AF_INET6 if ":" in settings.http_host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((settings.http_host, settings.http_port))
    sock.listen(2048)
    sock.set_inheritable(True)
    # fork: nothing has started a loop, thread or gRPC core yet in this process
    ctx = multiprocessing.get_context("fork")
    procs = [
        ctx.Process(target=_worker, args=(spec, settings, sock, n), name=f"worker-{n}")
        for n in range(workers)
    ]
    for p in procs:
        p.start()
    log.info("service.workers", workers=workers, pids=[p.pid for p in procs])

    def stop(*_: object) -> None:
        for p in procs:
            if p.is_alive() and p.pid is not None:
                os.kill(p.pid, signal.SIGTERM)

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    multiprocessing.connection.wait([p.sentinel for p in procs])
    stop()
    for p in procs:
        p.join(timeout=30)
    sock.close()
    return max((p.exitcode or 0) for p in procs)


async def _seed(spec: ServiceSpec, settings: ServiceSettings) -> list[str]:
    if spec.seed_demo is None:
        return []
    runtime = build_runtime(spec, settings)
    try:
        return await spec.seed_demo(runtime)
    finally:
        await runtime.db.dispose()
        await runtime.validator.aclose()


def main(spec: ServiceSpec, argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog=f"python -m tabel_{spec.name}", description=spec.title)
    parser.add_argument(
        "command", choices=["serve", "migrate", "seed-demo"], nargs="?", default="serve"
    )
    parser.add_argument(
        "--workers",
        type=int,
        default=int(os.environ.get("HTTP_WORKERS", "1")),
        help="service processes sharing the HTTP port (default: HTTP_WORKERS or 1)",
    )
    args = parser.parse_args(argv)
    settings = spec.settings_type(service_name=spec.name)
    configure_logging(service=spec.name, level=settings.log_level, json=settings.log_json)
    if args.command == "migrate":
        upgrade(settings.database_url, spec.migrations)
        log.info("service.migrated")
    elif args.command == "seed-demo":
        if spec.seed_demo is None:
            sys.exit(2)
        for line in asyncio.run(_seed(spec, settings)):
            print(line, flush=True)
    elif args.workers > 1:
        sys.exit(serve_workers(spec, settings, args.workers))
    else:
        with contextlib.suppress(KeyboardInterrupt):
            asyncio.run(serve(spec, settings))

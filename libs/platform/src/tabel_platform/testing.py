"""Running a real service inside a test: real HTTP port, real gRPC port, real DB and NATS.

async with serve_in_process(SPEC, database_url=..., nats_url=...) as svc:
    httpx.get(f"{svc.http_url}/readyz")
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Any

import uvicorn

from tabel_platform.logging import configure_logging
from tabel_platform.ports import free_port
from tabel_platform.runtime import Runtime
from tabel_platform.service import RunningService, ServiceSpec

__all__ = ["ServiceHandle", "free_port", "serve_in_process"]


@dataclass
class ServiceHandle:
    service: RunningService
    http_url: str
    grpc_target: str

    @property
    def runtime(self) -> Runtime:
        return self.service.runtime


@contextlib.asynccontextmanager
async def serve_in_process(spec: ServiceSpec, **settings: Any) -> AsyncIterator[ServiceHandle]:
    port = settings.pop("http_port", None) or free_port()
    config = spec.settings_type(
        service_name=spec.name,
        http_host="127.0.0.1",
        http_port=port,
        grpc_host="127.0.0.1",
        grpc_port=settings.pop("grpc_port", 0),
        log_json=False,
        **settings,
    )
    configure_logging(service=spec.name, level=config.log_level, json=False)
    async with RunningService(spec, config) as service:
        server = uvicorn.Server(
            uvicorn.Config(
                service.http_app,
                host="127.0.0.1",
                port=port,
                log_config=None,
                access_log=False,
                lifespan="off",
            )
        )
        task = asyncio.create_task(server.serve())
        while not server.started:
            if task.done():
                task.result()
            await asyncio.sleep(0.02)
        try:
            yield ServiceHandle(
                service=service,
                http_url=f"http://127.0.0.1:{port}",
                grpc_target=f"127.0.0.1:{service.grpc_port}",
            )
        finally:
            server.should_exit = True
            await task

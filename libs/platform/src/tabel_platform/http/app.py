"""The FastAPI app every service starts from: errors, request context, health, metrics."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from contextlib import AbstractAsyncContextManager
from typing import Any

from fastapi import APIRouter, FastAPI, Response
from fastapi.responses import JSONResponse
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest
from starlette.middleware import Middleware
from starlette.types import ASGIApp

from tabel_platform.http.middleware import RequestContextMiddleware
from tabel_platform.http.problems import install_problem_handlers

ReadinessCheck = tuple[str, Callable[[], Awaitable[bool]]]


def create_http_app(
    *,
    title: str,
    description: str,
    routers: Sequence[APIRouter] = (),
    readiness: Sequence[ReadinessCheck] = (),
    lifespan: Callable[[FastAPI], AbstractAsyncContextManager[Any]] | None = None,
    version: str = "0.1.0",
) -> FastAPI:
    app = FastAPI(title=title, description=description, version=version, lifespan=lifespan)
    install_problem_handlers(app)
    app.add_middleware(RequestContextMiddleware)
    app.state.readiness = list(readiness)
    app.state.school_resolver = None  # set by the service when roster resolves hosts

    @app.get("/healthz", tags=["ops"], include_in_schema=False)
    async def healthz() -> dict[str, str]:
        """Liveness: the process answers."""
        return {"status": "ok"}

    @app.get("/readyz", tags=["ops"], include_in_schema=False)
    async def readyz() -> JSONResponse:
        """Readiness: every dependency (database, NATS) answers."""
        checks: dict[str, str] = {}
        for name, check in app.state.readiness:
            try:
                ok = await check()
            except Exception:  # a failing dependency is "not ready", never a crash
                ok = False
            checks[name] = "ok" if ok else "failing"
        ready = all(v == "ok" for v in checks.values())
        return JSONResponse(
            {"status": "ready" if ready else "not_ready", "checks": checks},
            status_code=200 if ready else 503,
        )

    @app.get("/metrics", tags=["ops"], include_in_schema=False)
    async def metrics() -> Response:
        return Response(generate_latest(), media_type=CONTENT_TYPE_LATEST)

    for router in routers:
        app.include_router(router)
    return app


def add_request_middleware(app: FastAPI, middleware: Callable[[ASGIApp], ASGIApp]) -> None:
    """Install an ASGI middleware inside `RequestContextMiddleware` (request id, locale,
    metrics, access log), ahead of FastAPI's routing; `app.add_middleware` would put it
    outside. For answers given before routing, such as a cache's hits. Call before serving."""
    app.user_middleware.append(Middleware(middleware))

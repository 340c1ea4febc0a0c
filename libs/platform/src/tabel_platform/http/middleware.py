"""Per-request plumbing as plain ASGI middleware: request id, locale, RED metrics, access log.

It runs on every request of every service, so it reads only the two headers it needs straight
from the ASGI scope and keeps its per-request work to a few dictionary lookups (profiled with
py-spy under bench/journal/run.py).
"""

from __future__ import annotations

import itertools
import os
import secrets
import time

import structlog
from starlette.responses import JSONResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from tabel_platform.auth.principal import current_principal
from tabel_platform.http.request_metrics import RequestMetrics
from tabel_platform.i18n import current_locale, negotiate, translate
from tabel_platform.logging import get_logger
from tabel_platform.tenancy import current_school

log = get_logger("tabel.http")
_UNTRACKED = frozenset({"/metrics", "/healthz", "/readyz"})


class _RequestIds:
    """Unique request ids without a uuid4 per request: a random per-process prefix and a
    counter, 32 hex characters like a uuid's. A forked worker draws its own prefix."""

    def __init__(self) -> None:
        self.reseed()
        os.register_at_fork(after_in_child=self.reseed)

    def reseed(self) -> None:
        self._prefix = secrets.token_hex(10)
        self._counter = itertools.count(1)

    def next(self) -> str:
        return f"{self._prefix}{next(self._counter):012x}"


_ids = _RequestIds()


class RequestContextMiddleware:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app
        self.metrics = RequestMetrics()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        request_id = accept_language = None
        for name, value in scope["headers"]:  # lower case in ASGI; a repeated one: the last
            if name == b"x-request-id":
                request_id = value.decode("latin-1")
            elif name == b"accept-language":
                accept_language = value.decode("latin-1")
        request_id = request_id or _ids.next()
        scope.setdefault("state", {})["request_id"] = request_id
        locale_token = current_locale.set(negotiate(accept_language))
        # The auth dependencies set these; restored here so nothing outlives the request even
        # when the app runs in the caller's task (in-process test clients).
        principal_token = current_principal.set(None)
        school_token = current_school.set(None)
        log_tokens = structlog.contextvars.bind_contextvars(request_id=request_id)
        status = 500
        started = time.perf_counter()
        id_header = (b"x-request-id", request_id.encode("latin-1"))

        async def send_with_id(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                message.setdefault("headers", []).append(id_header)
            await send(message)

        try:
            await self.app(scope, receive, send_with_id)
        except Exception as exc:  # a bug: answer a problem with the request id, log the rest
            log.exception("http.unhandled", path=scope.get("path", ""), error=str(exc))
            if status == 500:
                await _internal_error(scope, send_with_id, request_id)
        finally:
            elapsed = time.perf_counter() - started
            if scope.get("path", "") not in _UNTRACKED:
                route = _route_template(scope)
                method = scope.get("method", "")
                self.metrics.observe(method, route, status, elapsed)
                log.info(
                    "http.request",
                    method=method,
                    route=route,
                    status=status,
                    ms=round(elapsed * 1000, 2),
                )
            structlog.contextvars.reset_contextvars(**log_tokens)
            current_locale.reset(locale_token)
            current_principal.reset(principal_token)
            current_school.reset(school_token)


async def _internal_error(scope: Scope, send: Send, request_id: str) -> None:
    body = {
        "type": "https://tabel.example/problems/internal",
        "title": "internal",
        "status": 500,
        "code": "internal",
        "detail": translate("error.internal", request_id=request_id),
        "instance": scope.get("path", ""),
        "request_id": request_id,
    }
    response = JSONResponse(body, status_code=500, media_type="application/problem+json")
    await response(scope, _no_receive, send)


async def _no_receive() -> Message:
    return {"type": "http.disconnect"}


def _route_template(scope: Scope) -> str:
    """The matched route's path template, so metrics don't explode per id."""
    route = scope.get("route")
    path = getattr(route, "path", None)
    return str(path) if path else "unmatched"

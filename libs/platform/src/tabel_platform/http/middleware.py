"""Per-request plumbing as plain ASGI middleware: request id, locale, RED metrics, access log."""

from __future__ import annotations

import time
import uuid

import structlog
from starlette.responses import JSONResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from tabel_platform.auth.principal import current_principal
from tabel_platform.i18n import current_locale, negotiate, translate
from tabel_platform.logging import get_logger
from tabel_platform.metrics import http_duration, http_requests
from tabel_platform.tenancy import current_school

log = get_logger("tabel.http")
_UNTRACKED = {"/metrics", "/healthz", "/readyz"}


class RequestContextMiddleware:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1"): v.decode("latin-1") for k, v in scope["headers"]}
        request_id = headers.get("x-request-id") or uuid.uuid4().hex
        scope.setdefault("state", {})["request_id"] = request_id
        locale_token = current_locale.set(negotiate(headers.get("accept-language")))
        # The auth dependencies set these; restored here so nothing outlives the request even
        # when the app runs in the caller's task (in-process test clients).
        principal_token = current_principal.set(None)
        school_token = current_school.set(None)
        structlog.contextvars.bind_contextvars(request_id=request_id)
        status = 500
        started = time.perf_counter()

        async def send_with_id(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                message.setdefault("headers", []).append((b"x-request-id", request_id.encode()))
            await send(message)

        try:
            await self.app(scope, receive, send_with_id)
        except Exception as exc:  # a bug: answer a problem with the request id, log the rest
            log.exception("http.unhandled", path=scope.get("path", ""), error=str(exc))
            if status == 500:
                await _internal_error(scope, send_with_id, request_id)
        finally:
            elapsed = time.perf_counter() - started
            path = scope.get("path", "")
            if path not in _UNTRACKED:
                route = _route_template(scope)
                method = scope.get("method", "")
                http_requests.labels(method, route, str(status)).inc()
                http_duration.labels(method, route).observe(elapsed)
                log.info(
                    "http.request",
                    method=method,
                    route=route,
                    status=status,
                    ms=round(elapsed * 1000, 2),
                )
            structlog.contextvars.unbind_contextvars("request_id")
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

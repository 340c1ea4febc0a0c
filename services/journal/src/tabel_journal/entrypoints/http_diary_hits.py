"""The diary week's cache hits, answered ahead of FastAPI's routing and dependencies.

Parents open the same week again and again, and most answers come from the diary cache
(service_layer/diary_cache.py). For a hit, FastAPI's routing, dependency solving and parameter
validation cost several times the lookup itself (bench/journal/run.py). So this ASGI
middleware, inside the request context (request id, locale, metrics, access log), answers a
GET of the week when
- the path and `on` parse as the endpoint's parameters do (the same pydantic types),
- the caller's token was validated before and their school agrees (`known_caller`),
- the cache holds the week for this reader, who was allowed to see it when it was read.
Anything else (a miss, a refusal, malformed input) goes on to the endpoint, http_diary.py,
which answers it: this decides no access and shapes no error.
"""

from __future__ import annotations

from datetime import date
from urllib.parse import parse_qsl
from uuid import UUID

from fastapi import FastAPI
from fastapi.responses import Response
from fastapi.routing import APIRoute
from pydantic import TypeAdapter, ValidationError
from starlette.types import ASGIApp, Receive, Scope, Send

from tabel_journal.entrypoints.http_diary import WeekDay, diary_week, router
from tabel_journal.service_layer import diary
from tabel_platform.http.app import add_request_middleware
from tabel_platform.http.security import known_caller
from tabel_platform.runtime import Runtime

_STUDENT_ID, _ON = TypeAdapter(UUID), TypeAdapter(WeekDay)


class DiaryWeekHits:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app
        self.route = next(
            r for r in router.routes if isinstance(r, APIRoute) and r.endpoint is diary_week
        )

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["method"] == "GET":
            doc = await self._hit(scope)
            if doc is not None:
                scope["route"] = self.route  # as routing sets it: metrics label the template
                await Response(doc, media_type="application/json")(scope, receive, send)
                return
        await self.app(scope, receive, send)

    async def _hit(self, scope: Scope) -> bytes | None:
        match = self.route.path_regex.match(scope["path"])
        if match is None or scope.get("root_path"):
            return None
        query = parse_qsl(scope["query_string"].decode("latin-1"), keep_blank_values=True)
        ons = [value for key, value in query if key == "on"]  # as Starlette's QueryParams
        try:
            student_id = _STUDENT_ID.validate_python(match["student_id"])
            on = _ON.validate_python(ons[-1] if ons else None)  # the last, as FastAPI reads it
        except ValidationError:
            return None
        who = await known_caller(scope)
        if who is None:
            return None
        runtime: Runtime = scope["app"].state.runtime
        return diary.cached_week(
            runtime=runtime,
            school_id=who.school_id,
            principal=who.principal,
            student_id=student_id,
            on=on or date.today(),
        )


def install(app: FastAPI, _runtime: Runtime) -> None:
    add_request_middleware(app, DiaryWeekHits)

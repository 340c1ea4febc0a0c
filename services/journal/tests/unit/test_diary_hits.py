"""The diary week's cache hits answered ahead of the app: only a hit for this very reader,
student, day and school is answered there; everything else goes on to the endpoint."""

from __future__ import annotations

import time
from datetime import date
from types import SimpleNamespace
from typing import Any, ClassVar
from uuid import UUID, uuid4

import pytest
from starlette.datastructures import State
from starlette.types import Message

from tabel_journal.adapters.write_watch import WriteWatch
from tabel_journal.entrypoints.http_diary_hits import DiaryWeekHits
from tabel_journal.service_layer.diary_cache import DiaryWeekCache
from tabel_platform.auth.principal import Principal

SCHOOL, OTHER_SCHOOL, PARENT, OTHER_PARENT, CHILD = (uuid4() for _ in range(5))
DAY = date(2026, 11, 16)
DOC = b'{"student_id": "x", "days": []}'


def principal(person: UUID, schools: frozenset[UUID] = frozenset({SCHOOL})) -> Principal:
    return Principal(subject=str(person), issuer="t", person_id=person, school_ids=schools)


class Validator:
    """Tokens validated before, as the real validator's cache holds them."""

    tokens: ClassVar[dict[str, Principal]] = {
        "parent": principal(PARENT),
        "other-parent": principal(OTHER_PARENT),
        "two-schools": principal(PARENT, frozenset({SCHOOL, OTHER_SCHOOL})),
    }

    def cached(self, token: str) -> Principal | None:
        return self.tokens.get(token)


class App:
    """The app behind the middleware: records what reached it."""

    def __init__(self) -> None:
        self.calls = 0

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        self.calls += 1


async def call(
    path: str, query: str = f"on={DAY}", *, token: str = "parent", method: str = "GET", **h: str
) -> tuple[App, list[Message], dict[str, Any]]:
    cache = DiaryWeekCache(WriteWatch(), ttl_s=60)
    cache.put((SCHOOL, PARENT, CHILD, DAY), cache.watch.seq(), time.monotonic(), DOC)
    state = State(
        {
            "runtime": SimpleNamespace(extras={"diary_cache": cache}),
            "token_validator": Validator(),
            "school_resolver": None,
        }
    )
    headers = [(b"host", b"api.example"), (b"authorization", f"Bearer {token}".encode())]
    headers += [(k.replace("_", "-").encode(), v.encode()) for k, v in h.items()]
    scope = {
        "type": "http",
        "method": method,
        "path": path,
        "query_string": query.encode(),
        "headers": headers,
        "app": SimpleNamespace(state=state),
    }
    app, sent = App(), list[Message]()

    async def receive() -> dict[str, Any]:
        return {"type": "http.request", "body": b""}

    async def send(message: Message) -> None:
        sent.append(message)

    await DiaryWeekHits(app)(scope, receive, send)
    return app, sent, scope


WEEK = f"/v1/journal/diary/{CHILD}/week"


async def test_a_hit_for_this_reader_is_answered_without_the_app() -> None:
    app, sent, scope = await call(WEEK, f"x=1&on={DAY}", x_tabel_school=str(SCHOOL))
    assert app.calls == 0
    assert sent[0]["status"] == 200 and (b"content-type", b"application/json") in sent[0]["headers"]
    assert sent[1]["body"] == DOC
    assert scope["route"].path == "/v1/journal/diary/{student_id}/week"  # the metrics' label


@pytest.mark.parametrize(
    ("path", "query", "token", "method", "headers"),
    [
        (WEEK, f"on={DAY}", "other-parent", "GET", {}),  # another reader: their own entry
        (WEEK, f"on={DAY}", "never-validated", "GET", {}),
        (WEEK, f"on={DAY}", "two-schools", "GET", {}),  # which school: the endpoint asks
        (WEEK, f"on={DAY}", "parent", "GET", {"x_tabel_school": str(OTHER_SCHOOL)}),
        (WEEK, f"on={DAY}", "parent", "GET", {"x_tabel_school": "not-a-uuid"}),
        (WEEK, "on=2026-11-17", "parent", "GET", {}),  # another day: not cached
        (WEEK, "on=", "parent", "GET", {}),  # malformed: the endpoint's 422
        (WEEK, f"on={DAY}&on=16.11.2026", "parent", "GET", {}),  # the last value counts
        ("/v1/journal/diary/not-a-uuid/week", f"on={DAY}", "parent", "GET", {}),
        (f"/v1/journal/diary/{CHILD}/homework", "", "parent", "GET", {}),
        (WEEK, f"on={DAY}", "parent", "POST", {}),
    ],
    ids=[
        "another-reader",
        "token-not-validated",
        "school-not-told",
        "another-school",
        "malformed-school",
        "another-day",
        "blank-day",
        "malformed-last-day",
        "malformed-student",
        "another-path",
        "post",
    ],
)
async def test_anything_but_such_a_hit_goes_on_to_the_app(
    path: str, query: str, token: str, method: str, headers: dict[str, str]
) -> None:
    app, sent, _ = await call(path, query, token=token, method=method, **headers)
    assert (app.calls, sent) == (1, [])


async def test_no_token_goes_on_to_the_app() -> None:
    app, sent, _ = await call(WEEK, token="")
    assert (app.calls, sent) == (1, [])

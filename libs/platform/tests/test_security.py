"""Who is calling and in which school: the pair of dependencies, the combined one, and the
lookup used ahead of the app (cache hits) all agree, and refuse the same requests."""

from __future__ import annotations

from typing import Any
from uuid import UUID, uuid4

import httpx
import pytest
from fastapi import APIRouter, Request

from tabel_platform.auth.principal import Principal
from tabel_platform.auth.tokens import InvalidToken
from tabel_platform.http.app import create_http_app
from tabel_platform.http.security import (
    CurrentCaller,
    CurrentPrincipal,
    CurrentSchool,
    known_caller,
)

SCHOOL, OTHER = uuid4(), uuid4()
router = APIRouter()


@router.get("/pair")
async def pair(principal: CurrentPrincipal, school: CurrentSchool) -> dict[str, str]:
    return {"subject": principal.subject, "school": str(school)}


@router.get("/combined")
async def combined(caller: CurrentCaller) -> dict[str, str]:
    return {"subject": caller.principal.subject, "school": str(caller.school_id)}


@router.get("/known")
async def known(request: Request) -> dict[str, str | None]:
    caller = await known_caller(request.scope)
    return {"school": str(caller.school_id) if caller else None}


class Validator:
    """Tokens named after their schools; `cached` knows only tokens validated before."""

    def __init__(self) -> None:
        self.validated: set[str] = set()

    async def validate(self, token: str) -> Principal:
        schools = {"one": {SCHOOL}, "two": {SCHOOL, OTHER}}.get(token)
        if schools is None:
            raise InvalidToken("unknown")
        self.validated.add(token)
        return Principal(
            subject=token, issuer="t", person_id=uuid4(), school_ids=frozenset(schools)
        )

    def cached(self, token: str) -> Principal | None:
        if token not in self.validated:
            return None
        schools = {SCHOOL} if token == "one" else {SCHOOL, OTHER}
        return Principal(
            subject=token, issuer="t", person_id=uuid4(), school_ids=frozenset(schools)
        )


@pytest.fixture
def client() -> httpx.AsyncClient:
    app = create_http_app(title="t", description="t", routers=[router])
    app.state.token_validator = Validator()
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://t")


def headers(token: str | None, school: UUID | str | None = None) -> dict[str, str]:
    out = {"Authorization": f"Bearer {token}"} if token else {}
    return out | ({"X-Tabel-School": str(school)} if school else {})


@pytest.mark.parametrize("path", ["/pair", "/combined"])
@pytest.mark.parametrize(
    ("token", "school", "status", "code"),
    [
        ("one", None, 200, None),  # the token's only school
        ("two", OTHER, 200, None),
        (None, None, 401, "unauthenticated"),
        ("forged", None, 401, "token_invalid"),
        ("one", OTHER, 403, "school_mismatch"),
        ("two", None, 404, "school_unknown"),
        ("one", "not-a-uuid", 422, "invalid_school_header"),
    ],
)
async def test_the_pair_and_the_combined_dependency_agree(
    client: httpx.AsyncClient,
    path: str,
    token: str | None,
    school: UUID | str | None,
    status: int,
    code: str | None,
) -> None:
    r = await client.get(path, headers=headers(token, school))
    assert r.status_code == status, r.text
    body: dict[str, Any] = r.json()
    if code:
        assert body["code"] == code
    else:
        assert body == {"subject": token, "school": str(school or SCHOOL)}


async def test_a_caller_is_known_ahead_of_the_app_only_once_validated(
    client: httpx.AsyncClient,
) -> None:
    assert (await client.get("/known", headers=headers("one"))).json() == {"school": None}
    assert (await client.get("/combined", headers=headers("one"))).status_code == 200
    assert (await client.get("/known", headers=headers("one"))).json() == {"school": str(SCHOOL)}
    mismatch = await client.get("/known", headers=headers("one", OTHER))
    assert mismatch.json() == {"school": None}

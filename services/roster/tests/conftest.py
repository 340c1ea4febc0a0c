"""Roster test fixtures: a running roster on a fresh database, trusting identity's embedded
OIDC provider (`oidc_provider`: real accounts, real password and client-credentials tokens).

`token_issuer` is a second real issuer (discovery + JWKS over HTTP, RS256) used only for
what the embedded provider cannot issue yet: a OneRoster client-credentials token carrying
a OneRoster scope and a school claim.
"""

from __future__ import annotations

import asyncio
import time
import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Any

import httpx
import pytest
import uvicorn
from joserfc import jwt
from joserfc.jwk import RSAKey
from starlette.applications import Starlette
from starlette.responses import JSONResponse
from starlette.routing import Route

from tabel_platform.demo import demo_id
from tabel_platform.events.envelope import Actor
from tabel_platform.testing import ServiceHandle, free_port, serve_in_process
from tabel_roster.bootstrap import SPEC
from tabel_roster.service_layer.schools import CreateSchool, create_school

AUDIENCE = "tabel-api"


@dataclass
class TokenIssuer:
    url: str
    key: RSAKey

    def token(
        self,
        *,
        roles: list[str] = (),  # type: ignore[assignment]
        school_ids: list[uuid.UUID] = (),  # type: ignore[assignment]
        person_id: uuid.UUID | None = None,
        scope: str = "",
    ) -> str:
        now = int(time.time())
        claims: dict[str, Any] = {
            "iss": self.url,
            "aud": AUDIENCE,
            "sub": f"user-{uuid.uuid4().hex[:8]}",
            "iat": now,
            "exp": now + 600,
            "roles": list(roles),
            "tabel_school_ids": [str(s) for s in school_ids],
            "scope": scope,
        }
        if person_id:
            claims["tabel_person_id"] = str(person_id)
        return jwt.encode({"alg": "RS256", "kid": self.key.kid}, claims, self.key)


@pytest.fixture(scope="session")
async def token_issuer() -> AsyncIterator[TokenIssuer]:
    key = RSAKey.generate_key(2048, parameters={"kid": "test-key"})
    port = free_port()
    url = f"http://127.0.0.1:{port}/realms/tabel-test"

    async def discovery(_: Any) -> JSONResponse:
        return JSONResponse({"issuer": url, "jwks_uri": f"{url}/protocol/openid-connect/certs"})

    async def certs(_: Any) -> JSONResponse:
        return JSONResponse({"keys": [key.as_dict(private=False)]})

    app = Starlette(
        routes=[
            Route("/realms/tabel-test/.well-known/openid-configuration", discovery),
            Route("/realms/tabel-test/protocol/openid-connect/certs", certs),
        ]
    )
    server = uvicorn.Server(
        uvicorn.Config(app, host="127.0.0.1", port=port, log_config=None, lifespan="off")
    )
    task = asyncio.create_task(server.serve())
    while not server.started:  # noqa: ASYNC110 - uvicorn exposes a flag, not an event
        await asyncio.sleep(0.02)
    yield TokenIssuer(url=url, key=key)
    server.should_exit = True
    await task


@pytest.fixture
async def roster(
    make_database: Any, nats_server: Any, token_issuer: TokenIssuer, oidc_provider: Any
) -> AsyncIterator[ServiceHandle]:
    url = await make_database(migrations="tabel_roster:migrations")
    async with serve_in_process(
        SPEC,
        database_url=url,
        nats_url=nats_server.url,
        oidc_issuers=f"{oidc_provider.issuer},{token_issuer.url}",
        oidc_audience=oidc_provider.audience,
    ) as handle:
        yield handle


@pytest.fixture
def person_token(oidc_provider: Any) -> Any:
    """`await person_token(roles, schools, person_id)`: a password-grant token of a new account."""

    async def issue(
        roles: list[str], schools: list[uuid.UUID], person_id: uuid.UUID | None = None
    ) -> str:
        username, password = f"u{uuid.uuid4().hex[:12]}", "Табель-тест-2026!"
        await oidc_provider.create_account(
            username, password, person_id=person_id or uuid.uuid4(), school_ids=schools, roles=roles
        )
        return str(await oidc_provider.password_token(username, password))

    return issue


@pytest.fixture
async def service_token(oidc_provider: Any) -> str:
    """A client-credentials token of another service (schedule), as it calls roster's gRPC."""
    secret = oidc_provider.service_secret("schedule")
    return str(await oidc_provider.client_token("svc-schedule", secret))


async def new_school(handle: ServiceHandle, domain: str | None = None) -> uuid.UUID:
    school = await create_school(
        runtime=handle.runtime,
        command=CreateSchool(
            municipality_id=demo_id("municipality/1"),
            name="МБОУ «Тестовая школа»",
            short_name="Тестовая",
            domains=[domain or f"t{uuid.uuid4().hex[:10]}.example.ru"],
        ),
        actor=Actor.system(),
    )
    return school.id


@pytest.fixture
def make_school() -> Any:
    return new_school


@pytest.fixture
async def api(roster: ServiceHandle, person_token: Any) -> AsyncIterator[Any]:
    """`await api(roles, school)` → an httpx client acting as a person with those roles there."""
    clients: list[httpx.AsyncClient] = []

    async def build(
        roles: list[str], school: uuid.UUID | None, person_id: uuid.UUID | None = None
    ) -> httpx.AsyncClient:
        token = await person_token(roles, [school] if school else [], person_id)
        headers = {"authorization": f"Bearer {token}", "accept-language": "ru"}
        if school:
            headers["x-tabel-school"] = str(school)
        clients.append(httpx.AsyncClient(base_url=roster.http_url, headers=headers, timeout=30))
        return clients[-1]

    yield build
    for client in clients:
        await client.aclose()

"""Schedule's test fixtures: a real OIDC issuer (JWKS over HTTP, RS256-signed tokens), the
service running in-process against a fresh database and the session's NATS."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest

from tabel_devstack.testing import DatabaseFactory
from tabel_platform.testing import serve_in_process
from tabel_schedule.bootstrap import SPEC
from tabel_schedule.testing import LocalIssuer


@pytest.fixture(scope="session")
async def issuer() -> AsyncIterator[LocalIssuer]:
    async with LocalIssuer().serving() as found:
        yield found


class Api:
    """An HTTP client of the running service acting in one school as one person."""

    def __init__(self, base: str, issuer: LocalIssuer, school_id: uuid.UUID) -> None:
        self.base = base
        self.issuer = issuer
        self.school_id = school_id
        self.http = httpx.AsyncClient(base_url=base, timeout=30)

    def headers(self, roles: list[str], person_id: uuid.UUID | None = None) -> dict[str, str]:
        token = self.issuer.token(
            person_id=person_id or uuid.uuid4(), school_id=self.school_id, roles=roles
        )
        return {"authorization": f"Bearer {token}", "x-tabel-school": str(self.school_id)}

    async def call(
        self,
        method: str,
        path: str,
        *,
        roles: list[str] | None = None,
        person_id: uuid.UUID | None = None,
        expect: int = 200,
        **kwargs: Any,
    ) -> Any:
        headers = self.headers(["school_admin"] if roles is None else roles, person_id)
        response = await self.http.request(method, path, headers=headers, **kwargs)
        assert response.status_code == expect, response.text
        if not response.content:
            return None
        if response.headers.get("content-type", "").startswith("text/calendar"):
            return response.content
        return response.json()


@pytest.fixture(scope="session")
async def service(
    tabel_database_templates: Any, nats_server: Any, issuer: LocalIssuer
) -> AsyncIterator[Any]:
    """One running service for all tests; each test acts in a school of its own (tenancy
    keeps them apart), so no test waits for another's start and stop."""
    databases = DatabaseFactory(tabel_database_templates)
    database_url = await databases(migrations="tabel_schedule:migrations")
    try:
        async with serve_in_process(
            SPEC, database_url=database_url, nats_url=nats_server.url, oidc_issuers=issuer.url
        ) as handle:
            yield handle
    finally:
        databases.cleanup()


@pytest.fixture
async def api(service: Any, issuer: LocalIssuer) -> AsyncIterator[Api]:
    client = Api(service.http_url, issuer, uuid.uuid4())
    yield client
    await client.http.aclose()

"""Schedule's test fixtures: the service running in-process against a fresh database and the
session's NATS, trusting identity's embedded OIDC provider, whose real tokens every test uses."""

from __future__ import annotations

import secrets
import uuid
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest

from tabel_devstack.testing import DatabaseFactory
from tabel_platform.testing import serve_in_process
from tabel_platform.waiting import eventually
from tabel_schedule.bootstrap import SPEC
from tabel_schedule.testing import scalar


class Api:
    """An HTTP client of the running service acting in one school. Each (person, roles) gets
    an account at the provider, the roles as real grants in the school (GrantAdded travels
    from identity over NATS into schedule's projection) and a token from a password login."""

    def __init__(self, service: Any, provider: Any, school_id: uuid.UUID) -> None:
        self.base = service.http_url
        self.runtime = service.runtime
        self.provider = provider
        self.school_id = school_id
        self.http = httpx.AsyncClient(base_url=self.base, timeout=30)
        self._tokens: dict[tuple[uuid.UUID | None, tuple[str, ...]], str] = {}
        self._granted: dict[uuid.UUID, int] = {}

    async def login(self, person_id: uuid.UUID, *, token_roles: list[str] = ()) -> tuple[Any, str]:
        """A new account of the person in this school (no grants); its id and a token."""
        username, password = f"u{secrets.token_hex(6)}", f"Pw1-{secrets.token_urlsafe(12)}"
        account = await self.provider.create_account(
            username, password, person_id=person_id, school_ids=[self.school_id],
            roles=token_roles,
        )  # fmt: skip
        return account, await self.provider.password_token(username, password)

    async def grant(self, account: Any, person_id: uuid.UUID, role: str) -> Any:
        """A role granted by identity (the grant), once schedule has taken it in."""
        found = await self.provider.grant(account, role, school_id=self.school_id)
        self._granted[person_id] = self._granted.get(person_id, 0) + 1
        sql = "SELECT count(*) FROM grants WHERE school_id = :s AND person_id = :p"
        want = self._granted[person_id]
        await eventually(
            lambda: scalar(self.runtime, sql, s=self.school_id, p=person_id),
            lambda n: n >= want,
        )
        return found

    async def token(self, roles: list[str], person_id: uuid.UUID | None = None) -> str:
        key = (person_id, tuple(sorted(roles)))
        if key not in self._tokens:
            person = person_id or uuid.uuid4()
            account, token = await self.login(person)
            for role in roles:
                await self.grant(account, person, role)
            self._tokens[key] = token
        return self._tokens[key]

    async def headers(self, roles: list[str], person_id: uuid.UUID | None = None) -> dict[str, str]:
        token = await self.token(roles, person_id)
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
        headers = await self.headers(["administrator"] if roles is None else roles, person_id)
        response = await self.http.request(method, path, headers=headers, **kwargs)
        assert response.status_code == expect, response.text
        if not response.content:
            return None
        if response.headers.get("content-type", "").startswith("text/calendar"):
            return response.content
        return response.json()

    async def service_token(self) -> str:
        """A service account's token (client credentials), as the journal calls gRPC with."""
        secret = self.provider.service_secret("journal")
        return str(await self.provider.client_token("svc-journal", secret))


@pytest.fixture(scope="session")
async def service(
    tabel_database_templates: Any, nats_server: Any, oidc_provider: Any
) -> AsyncIterator[Any]:
    """One running service for all tests; each test acts in a school of its own (tenancy
    keeps them apart), so no test waits for another's start and stop."""
    databases = DatabaseFactory(tabel_database_templates)
    database_url = await databases(migrations="tabel_schedule:migrations")
    try:
        async with serve_in_process(
            SPEC,
            database_url=database_url,
            nats_url=nats_server.url,
            oidc_issuers=oidc_provider.issuer,
            oidc_audience=oidc_provider.audience,
        ) as handle:
            yield handle
    finally:
        databases.cleanup()


@pytest.fixture
async def api(service: Any, oidc_provider: Any) -> AsyncIterator[Api]:
    client = Api(service, oidc_provider, uuid.uuid4())
    yield client
    await client.http.aclose()

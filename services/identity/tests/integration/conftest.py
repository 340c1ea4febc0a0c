"""An identity service that also consumes roster's events (real PostgreSQL and NATS), a
region operator on it, and onboarding a school the way a region does it."""

from __future__ import annotations

import secrets
import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Any
from uuid import UUID

import httpx
import pytest_asyncio

from tabel_devstack.testing import DatabaseFactory, DatabaseTemplates
from tabel_identity.bootstrap import SPEC
from tabel_identity.domain.throttle import ThrottlePolicy
from tabel_identity.testing import OidcProvider, identity_provider

from .roster_feed import MUNICIPALITY, RosterFeed

LENIENT = ThrottlePolicy(slow_after=10_000, lock_source=10_000, lock_school=10_000)


@dataclass
class Onboarded:
    school_id: UUID
    domain: str
    admin_id: UUID
    admin_username: str
    admin_password: str
    admin_token: str


class Region:
    """The identity under test, a roster feed into it and a logged-in region operator."""

    def __init__(self, provider: OidcProvider, feed: RosterFeed, operator_token: str) -> None:
        self.provider = provider
        self.feed = feed
        self.operator_token = operator_token

    def http(
        self, token: str | None = None, headers: dict[str, str] | None = None
    ) -> httpx.AsyncClient:
        auth = {"Authorization": f"Bearer {token}"} if token else {}
        return httpx.AsyncClient(base_url=self.provider.url, headers={**auth, **(headers or {})})

    async def new_school(self, *, municipality: UUID = MUNICIPALITY) -> tuple[UUID, str]:
        domain = f"s{secrets.token_hex(4)}.test"
        school_id = await self.feed.school(domain, municipality=municipality)
        await self.feed.settled()
        return school_id, domain

    async def issue_code(self, school_id: UUID, **body: Any) -> dict[str, Any]:
        async with self.http(self.operator_token) as http:
            answer = await http.post(f"/v1/schools/{school_id}/activation-codes", json=body)
        assert answer.status_code == 201, answer.text
        return dict(answer.json())

    async def redeem(self, domain: str, code: str, username: str, **kw: Any) -> httpx.Response:
        body = {"code": code, "username": username, "password": "Nachalo-2026",
                "display_name": "Иванова Анна Петровна", **kw}  # fmt: skip
        async with self.http(headers={"Host": domain}) as http:
            return await http.post("/v1/activation", json=body)

    async def onboard(self, *, municipality: UUID = MUNICIPALITY) -> Onboarded:
        school_id, domain = await self.new_school(municipality=municipality)
        code = (await self.issue_code(school_id))["code"]
        username = f"admin-{secrets.token_hex(4)}"
        answer = await self.redeem(domain, code, username)
        assert answer.status_code == 201, answer.text
        token = await self.provider.password_token(username, "Nachalo-2026")
        return Onboarded(school_id, domain, UUID(answer.json()["account_id"]), username,
                         "Nachalo-2026", token)  # fmt: skip

    async def person_account(
        self, school_id: UUID, person_id: UUID | None = None, roles: tuple[str, ...] = ()
    ) -> tuple[UUID, str]:
        """An account (and its token) for a person of the school, without grants."""
        username, password = f"p{secrets.token_hex(5)}", f"Parol-{secrets.token_hex(4)}1"
        account_id = await self.provider.create_account(
            username, password, person_id=person_id or uuid.uuid4(), school_ids=[school_id],
            roles=roles,
        )  # fmt: skip
        return account_id, await self.provider.password_token(username, password)


@pytest_asyncio.fixture(scope="session", loop_scope="session")
async def region(
    tabel_database_templates: DatabaseTemplates, nats_server: Any
) -> AsyncIterator[Region]:
    databases = DatabaseFactory(tabel_database_templates)
    try:
        url = await databases(migrations=SPEC.migrations)
        async with (
            identity_provider(
                database_url=url, nats_url=nats_server.url, with_consumers=True
            ) as provider,
            RosterFeed(nats_server.url, provider.handle) as feed,
        ):
            operator = await provider.create_account("operator", "region-2026")
            await provider.grant(operator, "region_operator")
            token = await provider.password_token("operator", "region-2026")
            # Every test comes from 127.0.0.1: the throttle is tested on its own.
            provider.handle.runtime.extras["code_throttle"] = LENIENT
            yield Region(provider, feed, token)
    finally:
        databases.cleanup()

"""Reporting running in-process on a fresh database and a private NATS, and real tokens.

`oidc_provider` (tabel_identity.testing) is imported here until the root conftest loads it.
"""

from __future__ import annotations

import base64
import json
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any

import pytest

from tabel_identity.testing import OidcProvider, oidc_provider  # noqa: F401 - a fixture
from tabel_platform.testing import ServiceHandle, serve_in_process
from tabel_reporting.bootstrap import SPEC
from tabel_reporting.testing import EventPublisher


@pytest.fixture
async def reporting(
    make_database: Any,
    own_nats_server: Any,
    oidc_provider: OidcProvider,  # noqa: F811
) -> AsyncIterator[ServiceHandle]:
    """A private NATS per test: replaying "the streams" then means exactly this test's events."""
    database_url = await make_database(migrations="tabel_reporting:migrations")
    async with serve_in_process(
        SPEC,
        database_url=database_url,
        nats_url=own_nats_server.url,
        oidc_issuers=oidc_provider.issuer,
        oidc_audience=oidc_provider.audience,
    ) as handle:
        yield handle


@pytest.fixture
async def publisher(own_nats_server: Any) -> AsyncIterator[EventPublisher]:
    async with EventPublisher(own_nats_server.url) as pub:
        yield pub


Login = Callable[..., Awaitable[tuple[str, str]]]


@pytest.fixture
def login(oidc_provider: OidcProvider) -> Login:  # noqa: F811
    """A new account with a real access token: `token, subject = await login(roles=[...])`."""

    async def make(**account: Any) -> tuple[str, str]:
        username, password = f"u-{uuid.uuid4().hex[:12]}", "Пароль-2026-долгий"
        await oidc_provider.create_account(username, password, **account)
        token = await oidc_provider.password_token(username, password)
        payload = token.split(".")[1]
        claims = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
        return token, str(claims["sub"])

    return make

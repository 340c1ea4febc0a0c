"""The per-address limit on the token endpoint, on an identity service of its own."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from tabel_identity.testing import identity_provider

pytestmark = pytest.mark.integration


async def test_too_many_token_requests_from_one_address_are_refused(
    make_database: Any, nats_server: Any
) -> None:
    database_url = await make_database(migrations="tabel_identity:migrations")
    async with identity_provider(
        database_url=database_url, nats_url=nats_server.url, login_rate_limit_per_minute=3
    ) as identity:
        token_url = f"{identity.issuer}/protocol/openid-connect/token"
        form = {
            "grant_type": "password",
            "client_id": "tabel-cli",
            "username": "x",
            "password": "y",
        }
        async with httpx.AsyncClient() as http:
            answers = [(await http.post(token_url, data=form)).status_code for _ in range(4)]
            # Another address (through the trusted local proxy) has its own budget.
            other = await http.post(token_url, data=form, headers={"X-Forwarded-For": "10.1.2.3"})
    assert answers == [401, 401, 401, 429]
    assert other.status_code == 401

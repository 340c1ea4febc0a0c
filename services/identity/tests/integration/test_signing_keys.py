"""Key rotation on an identity service of its own (the session's stays untouched): the new
key is published first, signs after the activation delay, and old tokens stay valid."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest
import pytest_asyncio
from joserfc import jws

from tabel_identity.testing import OidcProvider, identity_provider

pytestmark = pytest.mark.integration
DELAY_S = 4.0  # wide enough that a token issued right after rotating beats it on a loaded CI box


def kid_of(token: str) -> str:
    return str(jws.extract_compact(token.encode()).protected["kid"])


@pytest_asyncio.fixture(loop_scope="session")
async def provider(make_database: Any, nats_server: Any) -> AsyncIterator[OidcProvider]:
    database_url = await make_database(migrations="tabel_identity:migrations")
    async with identity_provider(
        database_url=database_url, nats_url=nats_server.url, oidc_key_activation_delay_s=DELAY_S
    ) as own:
        yield own


async def published_kids(provider: OidcProvider) -> set[str]:
    return {k["kid"] for k in (await provider.keycloak().a_certs())["keys"]}


async def test_rotation_publishes_first_then_signs_and_old_tokens_stay_valid(
    provider: OidcProvider,
) -> None:
    username = f"rot-{uuid.uuid4().hex[:8]}"
    await provider.create_account(username, "klyuch-2026")
    # The shared validator with its JWKS cache; its refetch floor (10 s in services) must be
    # below the activation delay (30 s by default), scaled down here to keep the test short.
    validator = provider.validator(min_refresh_s=DELAY_S / 2)
    before = await provider.password_token(username, "klyuch-2026")
    await validator.validate(before)
    old_kid = kid_of(before)

    new_kid = await provider.rotate_keys()
    assert {old_kid, new_kid} <= await published_kids(provider)
    assert kid_of(await provider.password_token(username, "klyuch-2026")) == old_kid

    await asyncio.sleep(DELAY_S + 0.1)
    after = await provider.password_token(username, "klyuch-2026")
    assert kid_of(after) == new_kid
    fresh = provider.validator()
    for check in (validator, fresh):
        assert (await check.validate(before)).subject == (await check.validate(after)).subject
    assert {old_kid, new_kid} <= await published_kids(provider)  # until old tokens expire
    await validator.aclose()
    await fresh.aclose()


async def test_region_operator_rotates_through_the_api(provider: OidcProvider) -> None:
    operator, analyst = f"op-{uuid.uuid4().hex[:8]}", f"an-{uuid.uuid4().hex[:8]}"
    await provider.create_account(operator, "operator-2026", roles=["region_operator"])
    await provider.create_account(analyst, "analyst-2026", roles=["municipal_analyst"])
    answers = {}
    async with httpx.AsyncClient(base_url=provider.url) as http:
        for user, password in ((analyst, "analyst-2026"), (operator, "operator-2026")):
            token = await provider.password_token(user, password)
            answers[user] = await http.post(
                "/v1/realm/signing-keys", headers={"Authorization": f"Bearer {token}"}
            )
    assert answers[analyst].status_code == 403
    assert answers[operator].status_code == 201
    assert answers[operator].json()["kid"] in await published_kids(provider)

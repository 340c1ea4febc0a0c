"""Lockout and the forced password change, end to end (the school administrator's reset,
with real grants: test_rights.py)."""

from __future__ import annotations

import uuid

import httpx
import pytest
from keycloak.exceptions import KeycloakAuthenticationError, KeycloakPostError

from tabel_identity.testing import OidcProvider

pytestmark = pytest.mark.integration


def name(prefix: str) -> str:
    return f"{prefix}-{uuid.uuid4().hex[:8]}"


async def test_five_wrong_passwords_lock_the_account(oidc_provider: OidcProvider) -> None:
    username = name("locked")
    await oidc_provider.create_account(username, "verno-2026")
    answers = []
    for _ in range(5):
        with pytest.raises(KeycloakAuthenticationError) as caught:
            await oidc_provider.tokens(username, "neverno-2026")
        answers.append(caught.value.response_body)

    assert all(b"Invalid user credentials" in a for a in answers[:4])
    assert b"locked" in answers[4]
    with pytest.raises(KeycloakAuthenticationError) as caught:  # even the right one, now
        await oidc_provider.tokens(username, "verno-2026")
    assert b"locked" in caught.value.response_body


async def test_forced_change_refuses_the_password_grant_until_changed(
    oidc_provider: OidcProvider,
) -> None:
    username = name("fresh")
    await oidc_provider.create_account(username, "vydannyj-1", must_change_password=True)
    with pytest.raises(KeycloakPostError) as caught:
        await oidc_provider.tokens(username, "vydannyj-1")
    assert caught.value.response_code == 400
    assert b"invalid_grant" in caught.value.response_body
    assert b"password must be changed" in caught.value.response_body

    async with httpx.AsyncClient(base_url=oidc_provider.url) as http:
        weak = await http.post(
            "/v1/accounts/password",
            json={"username": username, "current_password": "vydannyj-1", "new_password": "1"},
        )
        changed = await http.post(
            "/v1/accounts/password",
            json={"username": username, "current_password": "vydannyj-1",
                  "new_password": "svoj-parol-7"},
        )  # fmt: skip
    assert weak.status_code == 422 and weak.json()["code"] == "weak_password"
    assert {e["code"] for e in weak.json()["errors"]} >= {"too_short", "needs_letter"}
    assert changed.status_code == 204
    assert await oidc_provider.password_token(username, "svoj-parol-7")

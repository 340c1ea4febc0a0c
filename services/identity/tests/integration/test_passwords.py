"""Lockout, the forced password change and the school administrator's reset, end to end."""

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


async def test_school_admin_resets_a_password_of_their_school_only(
    oidc_provider: OidcProvider,
) -> None:
    school, other_school = uuid.uuid4(), uuid.uuid4()
    admin = name("admin")
    await oidc_provider.create_account(
        admin, "admin-2026", school_ids=[school], roles=["school_admin"]
    )
    teacher = name("teacher")
    teacher_id = await oidc_provider.create_account(teacher, "zabyl-2026", school_ids=[school])
    stranger_id = await oidc_provider.create_account(
        name("stranger"), "chuzhoj-2026", school_ids=[other_school]
    )
    operator_id = await oidc_provider.create_account(
        name("op"), "operator-2026", school_ids=[school], roles=["region_operator"]
    )
    token = await oidc_provider.password_token(admin, "admin-2026")
    auth = {"Authorization": f"Bearer {token}"}

    async with httpx.AsyncClient(base_url=oidc_provider.url, headers=auth) as http:
        reset = await http.post(f"/v1/accounts/{teacher_id}/password-reset", json={})
        stranger = await http.post(f"/v1/accounts/{stranger_id}/password-reset", json={})
        operator = await http.post(f"/v1/accounts/{operator_id}/password-reset", json={})
        anonymous = await http.post(
            f"/v1/accounts/{teacher_id}/password-reset", json={}, headers={"Authorization": ""}
        )

    assert reset.status_code == 200, reset.text
    temporary = reset.json()["temporary_password"]
    assert reset.json()["must_change_password"] is True
    assert stranger.status_code == 403 and operator.status_code == 403
    assert anonymous.status_code == 401
    with pytest.raises(KeycloakAuthenticationError):  # the old password is gone
        await oidc_provider.tokens(teacher, "zabyl-2026")
    with pytest.raises(KeycloakPostError) as caught:  # the temporary one must be changed
        await oidc_provider.tokens(teacher, temporary)
    assert b"password must be changed" in caught.value.response_body

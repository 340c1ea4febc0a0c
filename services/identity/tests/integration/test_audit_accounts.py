"""The audit of what happens to accounts: logins through the password grant and their
failures, password changes (REST and the login page's forced change) and resets."""

from __future__ import annotations

import secrets
from typing import Any

import pytest
from keycloak.exceptions import KeycloakAuthenticationError, KeycloakPostError
from sqlalchemy import text

from .conftest import Region

pytestmark = pytest.mark.integration


async def audit(region: Region, token: str, school: Any, kind: str) -> list[dict[str, Any]]:
    async with region.http(token) as http:
        answer = await http.get(f"/v1/schools/{school}/audit", params={"kind": kind})
    assert answer.status_code == 200, answer.text
    return list(answer.json()["items"])


async def test_password_logins_changes_and_resets_are_audited(region: Region) -> None:
    school = await region.onboard()
    account, _ = await region.person_account(school.school_id)
    async with region.http(school.admin_token) as http:  # a member of the school
        await http.post(f"/v1/schools/{school.school_id}/grants",
                        json={"account_id": str(account), "role": "teacher"})  # fmt: skip
        reset = await http.post(f"/v1/accounts/{account}/password-reset",
                                json={"temporary_password": "Vremennyj-77"})  # fmt: skip
    assert reset.status_code == 200, reset.text
    name = (await region.provider.validator().validate(
        await region.provider.password_token(school.admin_username, school.admin_password)
    )).claims["preferred_username"]  # fmt: skip
    assert name == school.admin_username.lower()
    username = await _username(region, account)
    with pytest.raises((KeycloakAuthenticationError, KeycloakPostError)):
        await region.provider.password_token(username, "ne-tot-parol-1")
    with pytest.raises((KeycloakAuthenticationError, KeycloakPostError)):  # must change first
        await region.provider.password_token(username, "Vremennyj-77")
    new_password = f"Novyj-{secrets.token_hex(3)}-1"
    async with region.http() as http:
        wrong = await http.post(
            "/v1/accounts/password",
            json={
                "username": username,
                "current_password": "ne-tot-2",
                "new_password": new_password,
            },
        )
        changed = await http.post("/v1/accounts/password", json={
            "username": username, "current_password": "Vremennyj-77",
            "new_password": new_password})  # fmt: skip
    assert wrong.status_code == 401 and changed.status_code == 204
    await region.provider.password_token(username, new_password)

    sid, token = school.school_id, school.admin_token
    resets = await audit(region, token, sid, "password_reset")
    assert [(e["username"], e["actor_account_id"]) for e in resets] == [
        (username, str(school.admin_id))]  # fmt: skip
    assert resets[0]["details"]["account_id"] == str(account)
    changes = await audit(region, token, sid, "password_changed")
    assert [e["actor_account_id"] for e in changes] == [str(account)]
    logins = [e for e in await audit(region, token, sid, "login") if e["username"] == username]
    # person_account's own first login, and the one with the new password
    assert [e["details"]["reason"] for e in logins] == ["password_grant"] * 2
    failed = [
        e["details"]["reason"]
        for e in await audit(region, token, sid, "login_failed")
        if e["username"] == username
    ]
    assert sorted(failed) == sorted(["invalid_credentials", "password_change_required",
                                     "password_change:invalid_credentials"])  # fmt: skip


async def _username(region: Region, account: Any) -> str:
    async with region.provider.handle.runtime.db.transaction(school_id=None, all_schools=True) as s:
        query = text("SELECT username FROM accounts WHERE id = :a")
        return str((await s.execute(query, {"a": account})).scalar_one())

"""A school administrator registers OneRoster clients for the school: the secret is shown
once and stored hashed, the client's client-credentials tokens carry only its scopes and its
school (and no `service` role), revocation stops new tokens; everyone else is refused."""

from __future__ import annotations

import pytest
from keycloak.exceptions import KeycloakAuthenticationError, KeycloakPostError
from sqlalchemy import text

from tabel_identity.domain.clients import ROSTER_CORE_READONLY, ROSTER_READONLY

from .conftest import Onboarded, Region

pytestmark = pytest.mark.integration


def clients_path(school: Onboarded) -> str:
    return f"/v1/schools/{school.school_id}/oneroster-clients"


async def test_registered_client_gets_tokens_for_its_school_and_scopes_only(
    region: Region,
) -> None:
    school, provider = await region.onboard(), region.provider
    async with region.http(school.admin_token) as http:
        created = await http.post(clients_path(school), json={"name": "Moodle школы"})
        listed = await http.get(clients_path(school))
    assert created.status_code == 201, created.text
    client_id, secret = created.json()["client_id"], created.json()["client_secret"]
    assert created.json()["scopes"] == [ROSTER_CORE_READONLY]
    assert created.json()["token_endpoint"].startswith(provider.issuer)
    (shown,) = listed.json()
    assert shown["client_id"] == client_id and shown["status"] == "active"
    assert "client_secret" not in shown
    async with provider.handle.runtime.db.transaction(school_id=None) as session:
        stored = (
            await session.execute(
                text("SELECT secret_hash FROM oauth_clients WHERE client_id = :c"),
                {"c": client_id},
            )
        ).scalar_one()
    assert stored.startswith("$argon2id$") and secret not in stored

    # Asked for two OneRoster scopes and an unknown one: given only the one it has.
    asked = f"{ROSTER_CORE_READONLY} {ROSTER_READONLY} admin"
    token = await provider.client_token(client_id, secret, scope=asked)
    principal = await provider.validator().validate(token)
    assert principal.scopes == {ROSTER_CORE_READONLY}
    assert principal.school_ids == {school.school_id}
    assert not principal.is_service and principal.roles == frozenset()
    assert principal.client_id == client_id
    plain = await provider.validator().validate(await provider.client_token(client_id, secret))
    assert ROSTER_CORE_READONLY not in plain.scopes  # only what was requested
    with pytest.raises(KeycloakAuthenticationError):
        await provider.client_token(client_id, "not-the-secret", scope=ROSTER_CORE_READONLY)

    async with region.http(school.admin_token) as http:
        revoked = await http.delete(f"{clients_path(school)}/{client_id}")
        again = await http.delete(f"{clients_path(school)}/{client_id}")
        after = await http.get(clients_path(school))
        kinds = {"kind": ["client_registered", "client_revoked"]}
        audit = await http.get(f"/v1/schools/{school.school_id}/audit", params=kinds)
    assert revoked.status_code == 204
    assert again.status_code == 404 and again.json()["code"] == "client_not_found"
    assert after.json()[0]["status"] == "revoked"
    assert {e["kind"] for e in audit.json()["items"]} == {"client_registered", "client_revoked"}
    with pytest.raises(KeycloakPostError) as gone:  # no such client any more
        await provider.client_token(client_id, secret, scope=ROSTER_CORE_READONLY)
    assert b"invalid_client" in (gone.value.response_body or b"")


async def test_scopes_are_checked(region: Region) -> None:
    school = await region.onboard()
    both = {"name": "ИБЦ", "scopes": [ROSTER_READONLY, ROSTER_CORE_READONLY]}
    async with region.http(school.admin_token, headers={"Accept-Language": "ru"}) as http:
        wide = await http.post(clients_path(school), json=both)
        bad = await http.post(clients_path(school), json={"name": "x", "scopes": ["openid"]})
        nameless = await http.post(clients_path(school), json={"name": ""})
    assert wide.status_code == 201 and wide.json()["scopes"] == sorted(both["scopes"])
    assert bad.status_code == 422 and bad.json()["code"] == "invalid_client_scope"
    assert "OneRoster" in bad.json()["detail"]
    assert nameless.status_code == 422


async def test_wrong_people_are_refused(region: Region) -> None:
    a, b = await region.onboard(), await region.onboard()
    teacher, teacher_token = await region.person_account(a.school_id)
    await region.provider.grant(teacher, "teacher", school_id=a.school_id)
    async with region.http(a.admin_token) as http:
        created = await http.post(clients_path(a), json={"name": "LMS"})
    client_id = created.json()["client_id"]
    one = f"{clients_path(a)}/{client_id}"
    for token in (teacher_token, b.admin_token):
        async with region.http(token) as http:
            assert (await http.post(clients_path(a), json={"name": "x"})).status_code == 403
            assert (await http.get(clients_path(a))).status_code == 403
            assert (await http.delete(one)).status_code == 403
    async with region.http() as http:
        assert (await http.post(clients_path(a), json={"name": "x"})).status_code == 401
    async with region.http(b.admin_token) as http:  # through its own school: not found there
        assert (await http.delete(f"{clients_path(b)}/{client_id}")).status_code == 404
        assert (await http.get(clients_path(b))).json() == []
    async with region.http(a.admin_token) as http:
        assert [c["status"] for c in (await http.get(clients_path(a))).json()] == ["active"]

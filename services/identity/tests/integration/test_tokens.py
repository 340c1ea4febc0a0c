"""Tokens from the embedded provider through python-keycloak, checked by the shared validator.

Real identity service (uvicorn), real PostgreSQL and NATS, the `oidc_provider` fixture."""

from __future__ import annotations

import uuid

import httpx
import pytest
from authlib.oidc.discovery import OpenIDProviderMetadata
from keycloak.exceptions import KeycloakAuthenticationError, KeycloakPostError

from tabel_identity.testing import OidcProvider
from tabel_platform.auth.tokens import InvalidToken

pytestmark = pytest.mark.integration


def name(prefix: str = "user") -> str:
    return f"{prefix}-{uuid.uuid4().hex[:10]}"


async def test_discovery_is_valid_openid_metadata(oidc_provider: OidcProvider) -> None:
    well_known = await oidc_provider.keycloak().a_well_known()

    OpenIDProviderMetadata(well_known).validate()
    assert well_known["issuer"] == oidc_provider.issuer
    assert well_known["jwks_uri"] == f"{oidc_provider.issuer}/protocol/openid-connect/certs"
    assert well_known["code_challenge_methods_supported"] == ["S256"]
    certs = await oidc_provider.keycloak().a_certs()
    assert all("d" not in key and key["alg"] == "RS256" for key in certs["keys"])


async def test_password_grant_gives_a_token_every_service_accepts(
    oidc_provider: OidcProvider,
) -> None:
    person, school = uuid.uuid4(), uuid.uuid4()
    username = name("Teacher")
    account_id = await oidc_provider.create_account(
        username, "uchitel-2026", person_id=person, school_ids=[school], roles=["region_operator"]
    )

    tokens = await oidc_provider.tokens(username.upper(), "uchitel-2026")  # case-insensitive
    validator = oidc_provider.validator()
    principal = await validator.validate(tokens["access_token"])
    await validator.aclose()

    assert principal.subject == str(account_id)
    assert principal.person_id == person
    assert principal.school_ids == {school}
    assert principal.has_role("region_operator") and not principal.is_service
    assert principal.client_id == "tabel-cli"
    assert {"openid"} <= principal.scopes
    assert tokens["expires_in"] == 300 and tokens["refresh_token"] and tokens["id_token"]
    claims = principal.claims
    assert claims["exp"] - claims["iat"] == 300 and claims["jti"] and claims["sid"]
    info = await oidc_provider.keycloak().a_userinfo(tokens["access_token"])
    assert info["sub"] == str(account_id) and info["preferred_username"] == username.lower()


async def test_wrong_password_and_unknown_user_look_the_same(oidc_provider: OidcProvider) -> None:
    username = name()
    await oidc_provider.create_account(username, "pravilnyj-1")
    errors = []
    for user, password in ((username, "nepravilnyj-1"), (name("nobody"), "pravilnyj-1")):
        with pytest.raises(KeycloakAuthenticationError) as caught:
            await oidc_provider.tokens(user, password)
        errors.append((caught.value.response_code, caught.value.response_body))
    assert errors[0] == errors[1]
    assert b"invalid_grant" in errors[0][1]


async def test_refresh_rotates_and_a_reused_refresh_token_ends_the_session(
    oidc_provider: OidcProvider,
) -> None:
    username = name()
    account_id = await oidc_provider.create_account(username, "obnovi-2026")
    first = await oidc_provider.tokens(username, "obnovi-2026")
    kc = oidc_provider.keycloak()

    second = await kc.a_refresh_token(first["refresh_token"])
    principal = await oidc_provider.validator().validate(second["access_token"])
    assert principal.subject == str(account_id)
    assert second["refresh_token"] != first["refresh_token"]
    assert second["session_state"] == first["session_state"]

    with pytest.raises(KeycloakPostError):  # replay of the spent one...
        await kc.a_refresh_token(first["refresh_token"])
    with pytest.raises(KeycloakPostError):  # ...ends the session: the new one is dead too
        await kc.a_refresh_token(second["refresh_token"])


async def test_logout_revokes_the_refresh_token(oidc_provider: OidcProvider) -> None:
    username = name()
    await oidc_provider.create_account(username, "vyhod-2026")
    tokens = await oidc_provider.tokens(username, "vyhod-2026")
    kc = oidc_provider.keycloak()

    assert await kc.a_logout(tokens["refresh_token"]) == {}
    with pytest.raises(KeycloakPostError) as caught:
        await kc.a_refresh_token(tokens["refresh_token"])
    assert b"invalid_grant" in caught.value.response_body


async def test_client_credentials_give_a_service_token(oidc_provider: OidcProvider) -> None:
    token = await oidc_provider.client_token("svc-journal", oidc_provider.service_secret("journal"))
    principal = await oidc_provider.validator().validate(token)

    assert principal.is_service and principal.client_id == "svc-journal"
    assert principal.person_id is None and principal.school_ids == frozenset()
    with pytest.raises(KeycloakAuthenticationError):
        await oidc_provider.client_token("svc-journal", "not-the-secret")


async def test_password_grant_is_only_for_direct_access_clients(
    oidc_provider: OidcProvider,
) -> None:
    username = name()
    await oidc_provider.create_account(username, "portal-2026")
    with pytest.raises(KeycloakPostError) as caught:
        await oidc_provider.tokens(username, "portal-2026", client_id="tabel-portal")
    assert b"unauthorized_client" in caught.value.response_body


async def test_forged_and_unknown_realm_tokens_are_refused(oidc_provider: OidcProvider) -> None:
    validator = oidc_provider.validator()
    with pytest.raises(InvalidToken):
        await validator.validate(oidc_provider.forge_token())
    async with httpx.AsyncClient(base_url=oidc_provider.url) as http:
        missing = await http.get("/realms/other/.well-known/openid-configuration")
    assert missing.status_code == 404

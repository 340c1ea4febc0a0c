"""The region's Keycloak realm gives the tokens the services validate (tabel_platform.auth)."""

from __future__ import annotations

import json
from typing import Any

import pytest

from tabel_identity.domain.clients import ONEROSTER_SCOPES
from tabel_platform.auth.tokens import PERSON_CLAIM, SCHOOLS_CLAIM
from tabel_roster.entrypoints.http_oneroster import SCOPES as ROSTER_ONEROSTER_SCOPES

from .conftest import REPO, SERVICES

REALM_FILE = REPO / "deploy" / "keycloak" / "realm-tabel.json"


@pytest.fixture(scope="module")
def realm() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(REALM_FILE.read_text(encoding="utf-8"))
    return data


def _client(realm: dict[str, Any], client_id: str) -> dict[str, Any]:
    (client,) = [c for c in realm["clients"] if c["clientId"] == client_id]
    found: dict[str, Any] = client
    return found


def _mappers(client: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {m["name"]: m for m in client["protocolMappers"]}


def test_realm_basics_and_brute_force_protection(realm: dict[str, Any]) -> None:
    assert realm["realm"] == "tabel" and realm["enabled"] is True
    assert realm["bruteForceProtected"] is True
    assert realm["failureFactor"] <= 10 and realm["permanentLockout"] is False
    assert realm["defaultLocale"] == "ru" and realm["sslRequired"] == "external"
    roles = {r["name"] for r in realm["roles"]["realm"]}
    assert roles == {"region_operator", "municipal_analyst", "service"}


def test_portal_is_public_with_pkce_s256_and_standard_flow_only(realm: dict[str, Any]) -> None:
    portal = _client(realm, "tabel-portal")
    assert portal["publicClient"] is True and portal["standardFlowEnabled"] is True
    assert portal["attributes"]["pkce.code.challenge.method"] == "S256"
    assert portal["directAccessGrantsEnabled"] is False and portal["implicitFlowEnabled"] is False
    assert all(uri.startswith("https://") for uri in portal["redirectUris"])


def test_cli_is_public_with_direct_access(realm: dict[str, Any]) -> None:
    cli = _client(realm, "tabel-cli")
    assert cli["publicClient"] is True and cli["directAccessGrantsEnabled"] is True
    assert cli["standardFlowEnabled"] is False


@pytest.mark.parametrize("service", SERVICES)
def test_service_clients_are_confidential_with_service_role(
    realm: dict[str, Any], service: str
) -> None:
    client = _client(realm, f"svc-{service}")
    assert client["publicClient"] is False and client["serviceAccountsEnabled"] is True
    assert client["standardFlowEnabled"] is False and client["directAccessGrantsEnabled"] is False
    # The secret is a placeholder Keycloak resolves from the environment at import.
    assert client["secret"] == f"${{TABEL_SVC_{service.upper()}_SECRET}}"
    (account,) = [
        u for u in realm["users"] if u.get("serviceAccountClientId") == client["clientId"]
    ]
    assert "service" in account["realmRoles"]
    assert account["username"] == f"service-account-svc-{service}"


def test_every_client_puts_audience_and_tabel_claims_into_access_tokens(
    realm: dict[str, Any],
) -> None:
    assert len(realm["clients"]) == 2 + len(SERVICES)
    for client in realm["clients"]:
        mappers = _mappers(client)
        audience = mappers["tabel-api-audience"]
        assert audience["protocolMapper"] == "oidc-audience-mapper"
        assert audience["config"]["included.custom.audience"] == "tabel-api"
        assert audience["config"]["access.token.claim"] == "true"
        person, schools = mappers[PERSON_CLAIM], mappers[SCHOOLS_CLAIM]
        for mapper, multivalued in ((person, "false"), (schools, "true")):
            assert mapper["protocolMapper"] == "oidc-usermodel-attribute-mapper"
            assert mapper["config"]["claim.name"] == mapper["config"]["user.attribute"]
            assert mapper["config"]["access.token.claim"] == "true"
            assert mapper["config"]["multivalued"] == multivalued
            assert mapper["config"]["jsonType.label"] == "String"
        assert "roles" in client["defaultClientScopes"]  # realm_access.roles


def _scopes(realm: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {s["name"]: s for s in realm["clientScopes"]}


def test_oneroster_scopes_exist_as_roster_and_identity_expect(realm: dict[str, Any]) -> None:
    scopes = _scopes(realm)
    # Roster accepts these; identity's embedded provider registers clients with these.
    assert ROSTER_ONEROSTER_SCOPES <= ONEROSTER_SCOPES <= set(scopes)
    for name in ONEROSTER_SCOPES:
        assert scopes[name]["protocol"] == "openid-connect"
        assert scopes[name]["attributes"]["include.in.token.scope"] == "true"  # in `scope`
    # Given to a school's OneRoster client explicitly, never to every client by default.
    defaults = set(realm["defaultDefaultClientScopes"]) | set(realm["defaultOptionalClientScopes"])
    assert not defaults & ONEROSTER_SCOPES
    for client in realm["clients"]:
        given = set(client["defaultClientScopes"]) | set(client["optionalClientScopes"])
        assert not given & ONEROSTER_SCOPES, client["clientId"]


def test_declaring_client_scopes_keeps_the_built_in_ones_the_clients_use(
    realm: dict[str, Any],
) -> None:
    """A realm import with `clientScopes` gets none of Keycloak's built-in scopes (only
    offline_access is still created): every scope the clients name must be declared."""
    scopes = set(_scopes(realm)) | {"offline_access"}
    for client in realm["clients"]:
        named = set(client["defaultClientScopes"]) | set(client["optionalClientScopes"])
        assert named <= scopes, (client["clientId"], named - scopes)
    assert set(realm["defaultDefaultClientScopes"]) | set(realm["defaultOptionalClientScopes"]) <= (
        scopes
    )
    mappers = {n: {m["protocolMapper"]: m for m in s.get("protocolMappers", [])}
               for n, s in _scopes(realm).items()}  # fmt: skip
    assert "oidc-sub-mapper" in mappers["basic"]  # `sub` of access tokens since Keycloak 25
    realm_roles = mappers["roles"]["oidc-usermodel-realm-role-mapper"]["config"]
    assert realm_roles["claim.name"] == "realm_access.roles"
    assert realm_roles["access.token.claim"] == "true"
    username = next(m for m in _scopes(realm)["profile"]["protocolMappers"]
                    if m["name"] == "username")  # fmt: skip
    assert username["config"]["claim.name"] == "preferred_username"


def test_user_profile_declares_the_tabel_attributes_admin_editable_only(
    realm: dict[str, Any],
) -> None:
    (component,) = realm["components"]["org.keycloak.userprofile.UserProfileProvider"]
    profile = json.loads(component["config"]["kc.user.profile.config"][0])
    attributes = {a["name"]: a for a in profile["attributes"]}
    assert attributes[SCHOOLS_CLAIM]["multivalued"] is True
    assert attributes[PERSON_CLAIM]["multivalued"] is False
    for name in (PERSON_CLAIM, SCHOOLS_CLAIM, "esia_oid"):
        assert attributes[name]["permissions"]["edit"] == ["admin"]


def test_esia_is_brokered_over_oidc_with_placeholders(realm: dict[str, Any]) -> None:
    (esia,) = realm["identityProviders"]
    assert esia["alias"] == "esia" and esia["providerId"] == "oidc"
    assert esia["firstBrokerLoginFlowAlias"] == "first broker login"
    assert esia["trustEmail"] is False
    config = esia["config"]
    for key in ("authorizationUrl", "tokenUrl", "userInfoUrl", "jwksUrl", "issuer"):
        assert config[key].startswith("${TABEL_ESIA_BASE_URL}"), key
    assert config["clientSecret"] == "${TABEL_ESIA_CLIENT_SECRET}"
    assert config["validateSignature"] == "true" and config["pkceMethod"] == "S256"
    mapped = {
        m["config"]["user.attribute"]
        for m in realm["identityProviderMappers"]
        if m["identityProviderAlias"] == "esia"
    }
    assert {"esia_oid", "firstName", "lastName", "middleName"} <= mapped

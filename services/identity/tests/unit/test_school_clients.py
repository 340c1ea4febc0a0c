"""OneRoster clients' rules: which scopes a school may give, which a token gets, and what a
client-credentials token says about its client."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

import pytest

from tabel_identity.domain.clients import (
    CLIENT_CREDENTIALS,
    ROSTER_CORE_READONLY,
    ROSTER_READONLY,
    OAuthClient,
)
from tabel_identity.domain.errors import InvalidClientScope
from tabel_identity.domain.school_clients import SchoolClient, checked_scopes
from tabel_identity.entrypoints.oidc.claims import access_token_claims

NOW = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)


def test_a_school_gives_only_oneroster_read_scopes_defaulting_to_roster_core() -> None:
    assert checked_scopes(frozenset()) == {ROSTER_CORE_READONLY}
    assert checked_scopes(frozenset({ROSTER_READONLY})) == {ROSTER_READONLY}
    with pytest.raises(InvalidClientScope) as refused:
        checked_scopes(frozenset({ROSTER_READONLY, "openid", "roster.write"}))
    assert refused.value.scopes == ["openid", "roster.write"]


def test_granted_scope_is_the_request_within_what_the_client_has() -> None:
    client = OAuthClient("lms", "hash", frozenset({CLIENT_CREDENTIALS}),
                         scopes=frozenset({ROSTER_CORE_READONLY}))  # fmt: skip
    asked = f"openid {ROSTER_READONLY} {ROSTER_CORE_READONLY} {ROSTER_CORE_READONLY}"
    assert client.granted_scope(asked) == f"openid {ROSTER_CORE_READONLY}"
    assert client.granted_scope(None) == ""
    other = OAuthClient("svc-x", "hash", frozenset({CLIENT_CREDENTIALS}))
    assert other.granted_scope(ROSTER_CORE_READONLY) == ""


def test_a_school_client_token_names_its_school_and_no_realm_role() -> None:
    school = uuid.uuid4()
    registered = SchoolClient("oneroster-1", school, "LMS", frozenset({ROSTER_CORE_READONLY}),
                              created_at=NOW)  # fmt: skip
    claims = access_token_claims(
        issuer="https://id.example/realms/tabel", audience="tabel-api",
        client=registered.credential("hash"), user=None, scope=ROSTER_CORE_READONLY, now=NOW,
        ttl_s=300,
    )  # fmt: skip
    assert claims["tabel_school_ids"] == [str(school)]
    assert claims["scope"] == ROSTER_CORE_READONLY
    assert claims["realm_access"] == {"roles": []}
    assert claims["azp"] == "oneroster-1" and claims["exp"] - claims["iat"] == 300

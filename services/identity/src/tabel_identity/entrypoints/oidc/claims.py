"""What Tabel's tokens say: the access token every service validates, the ID token and
userinfo. Same claim names as the Keycloak realm's mappers (see tabel_platform.auth.tokens)."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from authlib.oidc.core.util import create_half_hash

from tabel_identity.domain.clients import OAuthClient
from tabel_identity.entrypoints.oidc.models import AuthenticatedUser
from tabel_platform.auth.tokens import PERSON_CLAIM, SCHOOLS_CLAIM

# Service accounts get a stable subject, as Keycloak's service-account users do.
_SERVICE_ACCOUNTS = uuid.UUID("6f1c2a44-0000-4000-8000-00000000a11c")


def service_subject(client_id: str) -> str:
    return str(uuid.uuid5(_SERVICE_ACCOUNTS, client_id))


def person_claims(user: AuthenticatedUser) -> dict[str, Any]:
    account = user.account
    claims: dict[str, Any] = {
        "sub": str(account.id),
        "preferred_username": account.username.lower(),
        SCHOOLS_CLAIM: sorted(str(s) for s in account.school_ids),
        "realm_access": {"roles": sorted(account.roles)},
    }
    if account.person_id:
        claims[PERSON_CLAIM] = str(account.person_id)
    return claims


def access_token_claims(
    *,
    issuer: str,
    audience: str,
    client: OAuthClient,
    user: AuthenticatedUser | None,
    scope: str,
    now: datetime,
    ttl_s: int,
) -> dict[str, Any]:
    iat = int(now.timestamp())
    claims: dict[str, Any] = {
        "iss": issuer,
        "aud": [audience],
        "azp": client.client_id,
        "typ": "Bearer",
        "iat": iat,
        "exp": iat + ttl_s,
        "jti": str(uuid.uuid4()),
        "scope": scope,
    }
    if user is None:  # client credentials: the client itself (a service, a OneRoster client)
        claims["sub"] = service_subject(client.client_id)
        claims["preferred_username"] = f"service-account-{client.client_id}"
        # Only the client's own roles: a school's OneRoster client is not a `service`.
        claims["realm_access"] = {"roles": sorted(client.roles)}
        claims[SCHOOLS_CLAIM] = sorted(str(s) for s in client.school_ids)
    else:
        claims.update(person_claims(user))
        claims["sid"] = str(user.session_id)
        claims["auth_time"] = int(user.auth_time.timestamp())
    return claims


def id_token_claims(
    *,
    issuer: str,
    client_id: str,
    user: AuthenticatedUser,
    now: datetime,
    ttl_s: int,
    access_token: str | None,
    nonce: str | None,
) -> dict[str, Any]:
    iat = int(now.timestamp())
    claims = {
        **person_claims(user),
        "iss": issuer,
        "aud": client_id,
        "azp": client_id,
        "typ": "ID",
        "iat": iat,
        "exp": iat + ttl_s,
        "auth_time": int(user.auth_time.timestamp()),
        "sid": str(user.session_id),
        "jti": str(uuid.uuid4()),
    }
    if nonce:
        claims["nonce"] = nonce
    if access_token:
        claims["at_hash"] = create_half_hash(access_token, "RS256").decode()
    return claims

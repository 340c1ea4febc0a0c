"""The realm's authorization server: Authlib's, with identity's storage and token format."""

from __future__ import annotations

import json
from typing import Any
from uuid import UUID

from authlib.oauth2 import AuthorizationServer
from authlib.oauth2.rfc6750 import BearerTokenGenerator
from authlib.oidc.core import OpenIDCode, OpenIDToken
from authlib.oidc.rpinitiated import EndSessionEndpoint
from joserfc.jwk import KeySet
from starlette.responses import Response

from tabel_identity.adapters.signing import ALGORITHM, KeyRing, public_key_set
from tabel_identity.domain.sessions import new_secret
from tabel_identity.entrypoints.oidc import grants
from tabel_identity.entrypoints.oidc.bridge import wait
from tabel_identity.entrypoints.oidc.claims import access_token_claims, id_token_claims
from tabel_identity.entrypoints.oidc.models import AuthenticatedUser, ClientModel
from tabel_identity.service_layer import keys, sessions
from tabel_identity.service_layer.ports import Identity


class Provider(AuthorizationServer):  # type: ignore[misc]
    def __init__(self, *, identity: Identity, issuer: str, audience: str, ring: KeyRing) -> None:
        super().__init__()
        self.identity = identity
        self.issuer = issuer
        self.audience = audience
        self.ring = ring
        self.ttl_s = int(identity.access_token_ttl.total_seconds())
        self.register_token_generator(
            "default", BearerTokenGenerator(self._access_token, _refresh_token, self.ttl_s)
        )
        self.register_grant(
            grants.CodeGrant, [grants.RequireS256(required=True), IdTokenOnCode(self)]
        )
        self.register_grant(grants.PasswordGrant, [IdToken(self)])
        self.register_grant(grants.RefreshGrant, [IdToken(self)])
        self.register_grant(grants.ServiceGrant)
        self.register_endpoint(EndSession(self))

    def query_client(self, client_id: str) -> ClientModel | None:
        found = wait(sessions.get_client, self.identity, client_id)
        return ClientModel(found, self.identity.hasher) if found else None

    def save_token(self, token: dict[str, Any], request: Any) -> None:
        user: AuthenticatedUser | None = request.user
        if user is None:  # a service's token: nothing to remember
            return
        refresh_expires_in = wait(
            sessions.record_tokens,
            self.identity,
            session_id=user.session_id,
            account_id=user.account.id,
            client_id=request.client.get_client_id(),
            auth_time=user.auth_time,
            scope=token.get("scope", ""),
            refresh_token=token.get("refresh_token"),
        )
        if "refresh_token" in token:
            token["refresh_expires_in"] = refresh_expires_in
        token["session_state"] = str(user.session_id)

    def sign(self, claims: dict[str, Any]) -> str:
        key = wait(keys.active_key, self.identity)
        if key is None:
            raise RuntimeError("the realm has no active signing key")
        return self.ring.sign(key, claims)

    def public_keys(self) -> KeySet:
        return public_key_set(wait(keys.published_keys, self.identity))

    def _access_token(
        self, client: ClientModel, grant_type: str, user: AuthenticatedUser | None, scope: str
    ) -> str:
        claims = access_token_claims(
            issuer=self.issuer,
            audience=self.audience,
            client=client.client,
            user=user,
            scope=scope,
            now=self.identity.clock(),
            ttl_s=self.ttl_s,
        )
        return self.sign(claims)

    def create_oauth2_request(self, request: Any) -> Any:
        return request  # built beforehand by `oauth2_request` (the form is read async)

    def handle_response(self, status: int, body: Any, headers: list[tuple[str, str]]) -> Response:
        if isinstance(body, dict):
            body = json.dumps(body)
        return Response(body, status_code=status, headers=dict(headers))

    def send_signal(self, name: str, *args: Any, **kwargs: Any) -> None:
        """Authlib's hook for framework signals: nothing listens."""


def _refresh_token(**_: Any) -> str:
    return new_secret()


class _SignedIdToken:
    """The ID token, signed like the access token with the realm's active key."""

    def __init__(self, provider: Provider) -> None:
        super().__init__()
        self.provider = provider

    def encode_id_token(self, token: dict[str, Any], request: Any) -> str:
        code = request.authorization_code
        claims = id_token_claims(
            issuer=self.provider.issuer,
            client_id=request.client.get_client_id(),
            user=request.user,
            now=self.provider.identity.clock(),
            ttl_s=self.provider.ttl_s,
            access_token=token.get("access_token"),
            nonce=code.get_nonce() if code else None,
        )
        return self.provider.sign(claims)


class IdTokenOnCode(_SignedIdToken, OpenIDCode):  # type: ignore[misc]
    def exists_nonce(self, nonce: str, request: Any) -> bool:
        # Codes are single-use and live a minute; the relying party checks the nonce it sent.
        return False


class IdToken(_SignedIdToken, OpenIDToken):  # type: ignore[misc]
    """ID tokens for the password and refresh grants too, as Keycloak issues them."""


class EndSession(EndSessionEndpoint):  # type: ignore[misc]
    """RP-initiated logout (browser): the ID token names the session to end."""

    def __init__(self, provider: Provider) -> None:
        super().__init__(provider)
        self.provider = provider

    def get_server_jwks(self) -> KeySet:
        return self.provider.public_keys()

    def get_algorithms(self) -> list[str]:
        return [ALGORITHM]

    def end_session(self, end_session_request: Any) -> None:
        claims = end_session_request.id_token_claims or {}
        if claims.get("sid") and claims.get("sub"):
            wait(
                sessions.end_session,
                self.provider.identity,
                UUID(claims["sid"]),
                UUID(claims["sub"]),
            )

"""OAuth clients of the realm: the portal, the CLI, and one confidential client per service."""

from __future__ import annotations

from dataclasses import dataclass, field

AUTHORIZATION_CODE = "authorization_code"
REFRESH_TOKEN = "refresh_token"  # noqa: S105 - a grant type's name, not a secret
CLIENT_CREDENTIALS = "client_credentials"
PASSWORD = "password"  # noqa: S105 - Keycloak's "direct access grants"
SCOPES = frozenset({"openid", "profile", "email", "offline_access"})


@dataclass(frozen=True)
class OAuthClient:
    client_id: str
    secret_hash: str | None  # None: a public client (PKCE instead of a secret)
    grant_types: frozenset[str]
    redirect_uris: tuple[str, ...] = ()
    post_logout_redirect_uris: tuple[str, ...] = ()
    # Realm roles put into client-credentials tokens (services get `service`).
    roles: frozenset[str] = field(default_factory=frozenset)

    @property
    def is_public(self) -> bool:
        return self.secret_hash is None

    def allows_grant(self, grant_type: str) -> bool:
        return grant_type in self.grant_types

    def allows_redirect(self, uri: str) -> bool:
        """Exact match, or a registered URI ending in `*` matching any rest (as Keycloak)."""
        for registered in self.redirect_uris:
            if registered.endswith("*"):
                if uri.startswith(registered[:-1]):
                    return True
            elif uri == registered:
                return True
        return False

    def allows_post_logout_redirect(self, uri: str) -> bool:
        return uri in self.post_logout_redirect_uris


def allowed_scope(requested: str | None) -> str:
    """The requested scopes the realm knows, in request order; unknown ones are dropped."""
    seen: list[str] = []
    for scope in (requested or "").split():
        if scope in SCOPES and scope not in seen:
            seen.append(scope)
    return " ".join(seen)

"""OAuth clients of the realm: the portal, the CLI, and one confidential client per service."""

from __future__ import annotations

from dataclasses import dataclass, field
from uuid import UUID

AUTHORIZATION_CODE = "authorization_code"
REFRESH_TOKEN = "refresh_token"  # noqa: S105 - a grant type's name, not a secret
CLIENT_CREDENTIALS = "client_credentials"
PASSWORD = "password"  # noqa: S105 - Keycloak's "direct access grants"
SCOPES = frozenset({"openid", "profile", "email", "offline_access"})
# OneRoster 1.2 rostering scopes: a client gets them only if registered with them.
_ONEROSTER = "https://purl.imsglobal.org/spec/or/v1p2/scope/"
ROSTER_CORE_READONLY = _ONEROSTER + "roster-core.readonly"
ROSTER_READONLY = _ONEROSTER + "roster.readonly"
ROSTER_DEMOGRAPHICS_READONLY = _ONEROSTER + "roster-demographics.readonly"
ONEROSTER_SCOPES = frozenset({ROSTER_CORE_READONLY, ROSTER_READONLY, ROSTER_DEMOGRAPHICS_READONLY})


@dataclass(frozen=True)
class OAuthClient:
    client_id: str
    secret_hash: str | None  # None: a public client (PKCE instead of a secret)
    grant_types: frozenset[str]
    redirect_uris: tuple[str, ...] = ()
    post_logout_redirect_uris: tuple[str, ...] = ()
    # Realm roles put into client-credentials tokens (services get `service`).
    roles: frozenset[str] = field(default_factory=frozenset)
    # Scopes beyond the realm's standard ones this client may be given (OneRoster's).
    scopes: frozenset[str] = field(default_factory=frozenset)
    # Schools its client-credentials tokens are issued for (`tabel_school_ids`).
    school_ids: frozenset[UUID] = field(default_factory=frozenset)

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

    def granted_scope(self, requested: str | None) -> str:
        """The requested scopes this client may have, in request order; others are dropped
        (RFC 6749 3.3: the server may issue a narrower scope, and says so in `scope`)."""
        return allowed_scope(requested, self.scopes)


def allowed_scope(requested: str | None, extra: frozenset[str] = frozenset()) -> str:
    """The requested scopes the realm knows (and `extra` ones), in request order; unknown
    ones are dropped."""
    seen: list[str] = []
    for scope in (requested or "").split():
        if (scope in SCOPES or scope in extra) and scope not in seen:
            seen.append(scope)
    return " ".join(seen)

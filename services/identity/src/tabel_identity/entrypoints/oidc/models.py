"""Identity's domain objects as the models Authlib's grants ask questions of."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any
from uuid import UUID

from authlib.oauth2.rfc6749 import ClientMixin, TokenMixin
from authlib.oidc.core import AuthorizationCodeMixin

from tabel_identity.domain.accounts import Account
from tabel_identity.domain.clients import AUTHORIZATION_CODE, OAuthClient
from tabel_identity.domain.sessions import AuthorizationCode, LoginSession, RefreshToken
from tabel_identity.service_layer.ports import PasswordHasher

SECRET_METHODS = ("client_secret_basic", "client_secret_post")


@dataclass(frozen=True)
class AuthenticatedUser:
    """A person proven by a password, within one login session."""

    account: Account
    session_id: UUID
    auth_time: datetime

    def get_user_id(self) -> str:
        return str(self.account.id)


class ClientModel(ClientMixin):  # type: ignore[misc]
    def __init__(self, client: OAuthClient, hasher: PasswordHasher) -> None:
        self.client = client
        self._hasher = hasher

    @property
    def client_metadata(self) -> dict[str, Any]:
        return {"post_logout_redirect_uris": list(self.client.post_logout_redirect_uris)}

    def get_client_id(self) -> str:
        return self.client.client_id

    def get_default_redirect_uri(self) -> str | None:
        exact = [u for u in self.client.redirect_uris if not u.endswith("*")]
        return exact[0] if len(exact) == 1 else None

    def get_allowed_scope(self, scope: str | None) -> str:
        return self.client.granted_scope(scope)

    def check_redirect_uri(self, redirect_uri: str) -> bool:
        return self.client.allows_redirect(redirect_uri)

    def check_client_secret(self, client_secret: str) -> bool:
        stored = self.client.secret_hash
        return stored is not None and self._hasher.verify(stored, client_secret)

    def check_endpoint_auth_method(self, method: str, endpoint: str) -> bool:
        if self.client.is_public:
            return method == "none"
        return method in SECRET_METHODS

    def check_response_type(self, response_type: str) -> bool:
        return response_type == "code" and self.client.allows_grant(AUTHORIZATION_CODE)

    def check_grant_type(self, grant_type: str) -> bool:
        return self.client.allows_grant(grant_type)


class CodeModel(AuthorizationCodeMixin):  # type: ignore[misc]
    def __init__(self, code: AuthorizationCode) -> None:
        self.code = code
        self.code_challenge = code.code_challenge
        self.code_challenge_method = code.code_challenge_method

    def get_redirect_uri(self) -> str | None:
        return self.code.redirect_uri

    def get_scope(self) -> str:
        return self.code.scope

    def get_nonce(self) -> str | None:
        return self.code.nonce

    def get_auth_time(self) -> int:
        return int(self.code.auth_time.timestamp())

    def get_acr(self) -> None:
        return None

    def get_amr(self) -> list[str]:
        return ["pwd"]


class RefreshModel(TokenMixin):  # type: ignore[misc]
    def __init__(self, token: RefreshToken, session: LoginSession) -> None:
        self.token = token
        self.session = session

    def check_client(self, client: ClientModel) -> bool:
        return bool(self.token.client_id == client.get_client_id())

    def get_scope(self) -> str:
        return self.token.scope

    def get_expires_in(self) -> int:
        return 0

    def is_expired(self) -> bool:
        return False  # spent and checked by `use_refresh_token` before we get here

    def is_revoked(self) -> bool:
        return False

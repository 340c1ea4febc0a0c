"""Authlib's grants, answered by identity's use cases (called on the event loop via `wait`)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar
from uuid import uuid4

from authlib.oauth2.rfc6749 import InvalidGrantError, InvalidRequestError, grants
from authlib.oauth2.rfc7636 import CodeChallenge

from tabel_identity.domain.errors import AccountLocked, InvalidCredentials
from tabel_identity.domain.sessions import AuthorizationCode
from tabel_identity.entrypoints.oidc.bridge import wait
from tabel_identity.entrypoints.oidc.models import (
    AuthenticatedUser,
    ClientModel,
    CodeModel,
    RefreshModel,
)
from tabel_identity.service_layer import accounts, sessions

if TYPE_CHECKING:
    from tabel_identity.entrypoints.oidc.server import Provider

ANY_CLIENT = ["client_secret_basic", "client_secret_post", "none"]


class CodeGrant(grants.AuthorizationCodeGrant):  # type: ignore[misc]
    TOKEN_ENDPOINT_AUTH_METHODS = ANY_CLIENT
    server: Provider

    def save_authorization_code(self, code: str, request: Any) -> None:
        user: AuthenticatedUser = request.user
        data = request.payload.data
        issued = AuthorizationCode(
            code_hash="",
            client_id=request.client.get_client_id(),
            account_id=user.account.id,
            session_id=user.session_id,
            redirect_uri=request.payload.redirect_uri,
            scope=request.scope or "",
            nonce=data.get("nonce") or None,
            code_challenge=data.get("code_challenge"),
            code_challenge_method=data.get("code_challenge_method"),
            auth_time=user.auth_time,
            expires_at=user.auth_time,
        )
        wait(sessions.save_code, self.server.identity, code, issued)

    def query_authorization_code(self, code: str, client: ClientModel) -> CodeModel | None:
        found = wait(sessions.take_code, self.server.identity, code, client.get_client_id())
        return CodeModel(found) if found else None

    def delete_authorization_code(self, authorization_code: CodeModel) -> None:
        """Nothing left to do: `query_authorization_code` took it."""

    def authenticate_user(self, authorization_code: CodeModel) -> AuthenticatedUser | None:
        code = authorization_code.code
        account = wait(sessions.get_account, self.server.identity, code.account_id)
        if account is None:
            return None
        return AuthenticatedUser(account, code.session_id, code.auth_time)


class PasswordGrant(grants.ResourceOwnerPasswordCredentialsGrant):  # type: ignore[misc]
    """Keycloak's "direct access grants": only for clients that allow `password`."""

    TOKEN_ENDPOINT_AUTH_METHODS = ANY_CLIENT
    server: Provider

    def authenticate_user(self, username: str, password: str) -> AuthenticatedUser:
        identity = self.server.identity
        try:
            account = wait(accounts.authenticate, identity, username=username, password=password)
        except InvalidCredentials as exc:
            raise InvalidGrantError("Invalid user credentials", status_code=401) from exc
        except AccountLocked as exc:
            raise InvalidGrantError(
                "Account is temporarily locked after too many failed logins", status_code=401
            ) from exc
        if account.must_change_password:
            raise InvalidGrantError(
                "Account is not fully set up: the password must be changed first "
                "(log in through the login page, or POST /v1/accounts/password)"
            )
        return AuthenticatedUser(account, uuid4(), identity.clock())


class RefreshGrant(grants.RefreshTokenGrant):  # type: ignore[misc]
    TOKEN_ENDPOINT_AUTH_METHODS = ANY_CLIENT
    INCLUDE_NEW_REFRESH_TOKEN = True  # rotate: every refresh token is good once
    server: Provider

    def authenticate_refresh_token(self, refresh_token: str) -> RefreshModel | None:
        found = wait(sessions.use_refresh_token, self.server.identity, refresh_token)
        return RefreshModel(*found) if found else None

    def authenticate_user(self, refresh_token: RefreshModel) -> AuthenticatedUser | None:
        session = refresh_token.session
        account = wait(sessions.get_account, self.server.identity, session.account_id)
        if account is None:
            return None
        return AuthenticatedUser(account, session.id, session.auth_time)

    def revoke_old_credential(self, refresh_token: RefreshModel) -> None:
        """Nothing left to do: `use_refresh_token` spent it."""


class ServiceGrant(grants.ClientCredentialsGrant):  # type: ignore[misc]
    TOKEN_ENDPOINT_AUTH_METHODS: ClassVar[list[str]] = ["client_secret_basic", "client_secret_post"]


class RequireS256(CodeChallenge):  # type: ignore[misc]
    """PKCE with S256 is required of public clients; `plain` is refused from anyone."""

    SUPPORTED_CODE_CHALLENGE_METHOD: ClassVar[list[str]] = ["S256"]

    def validate_code_challenge(self, grant: Any, redirect_uri: str) -> None:
        data = grant.request.payload.data
        client: ClientModel = grant.request.client
        challenge, method = data.get("code_challenge"), data.get("code_challenge_method")
        if (challenge or client.client.is_public) and (not challenge or method != "S256"):
            raise InvalidRequestError(
                "PKCE is required: code_challenge with code_challenge_method=S256"
            )
        super().validate_code_challenge(grant, redirect_uri)

"""The realm's OIDC endpoints at Keycloak's paths: discovery, certs, token, userinfo, logout.

The login page (the authorization endpoint) is in `login.py`."""

from __future__ import annotations

from typing import Annotated, Any
from uuid import UUID

from authlib.oauth2.rfc6749 import OAuth2Error
from fastapi import APIRouter, Depends, Request
from fastapi.responses import JSONResponse
from joserfc import jwt
from joserfc.errors import JoseError
from starlette.responses import Response

from tabel_identity.adapters.signing import ALGORITHM, public_key_set
from tabel_identity.domain.clients import ONEROSTER_SCOPES, SCOPES
from tabel_identity.entrypoints.oidc.bridge import in_worker
from tabel_identity.entrypoints.oidc.claims import person_claims
from tabel_identity.entrypoints.oidc.models import AuthenticatedUser
from tabel_identity.entrypoints.oidc.pages import render
from tabel_identity.entrypoints.oidc.password_audit import audit_password_grant
from tabel_identity.entrypoints.oidc.requests import oauth2_request
from tabel_identity.entrypoints.oidc.server import Provider
from tabel_identity.service_layer import keys, sessions
from tabel_identity.settings import IdentitySettings
from tabel_identity.wiring import identity_of, limiter_of, provider_of, runtime_of, settings_of
from tabel_platform.errors import NotFound

OIDC = "/realms/{realm}/protocol/openid-connect"
router = APIRouter(tags=["oidc"])


def realm_settings(realm: str, request: Request) -> IdentitySettings:
    settings = settings_of(runtime_of(request))
    if realm != settings.oidc_realm:
        raise NotFound("identity.realm_unknown", code="realm_unknown")
    return settings


Settings = Annotated[IdentitySettings, Depends(realm_settings)]


def oauth_error(status: int, error: str, description: str) -> JSONResponse:
    body = {"error": error, "error_description": description}
    return JSONResponse(body, status_code=status, headers={"Cache-Control": "no-store"})


def rate_limited(request: Request) -> bool:
    address = request.client.host if request.client else "unknown"
    return not limiter_of(runtime_of(request)).allow(address)


@router.get("/realms/{realm}/.well-known/openid-configuration")
async def discovery(settings: Settings) -> dict[str, Any]:
    """OpenID Provider metadata (discovery)."""
    base = settings.issuer + "/protocol/openid-connect"
    return {
        "issuer": settings.issuer,
        "authorization_endpoint": f"{base}/auth",
        "token_endpoint": f"{base}/token",
        "userinfo_endpoint": f"{base}/userinfo",
        "end_session_endpoint": f"{base}/logout",
        "jwks_uri": f"{base}/certs",
        "response_types_supported": ["code"],
        "response_modes_supported": ["query"],
        "grant_types_supported": [
            "authorization_code", "refresh_token", "client_credentials", "password",
        ],
        "subject_types_supported": ["public"],
        "id_token_signing_alg_values_supported": [ALGORITHM],
        "token_endpoint_auth_methods_supported": [
            "client_secret_basic", "client_secret_post", "none",
        ],
        "code_challenge_methods_supported": ["S256"],
        "scopes_supported": sorted(SCOPES | ONEROSTER_SCOPES),
        "claims_supported": [
            "sub", "iss", "aud", "exp", "iat", "auth_time", "azp", "sid", "preferred_username",
            "tabel_person_id", "tabel_school_ids", "realm_access",
        ],
    }  # fmt: skip


@router.get(OIDC + "/certs")
async def certs(request: Request, settings: Settings) -> dict[str, Any]:
    """The realm's public signing keys (JWKS), old ones while their tokens live."""
    published = await keys.published_keys(identity_of(runtime_of(request)))
    return dict(public_key_set(published).as_dict(private=False))


@router.post(OIDC + "/token")
async def token(request: Request, settings: Settings) -> Response:
    """Token endpoint: authorization code, refresh token, client credentials, password."""
    if rate_limited(request):
        return oauth_error(429, "temporarily_unavailable", "Too many requests, retry later")
    provider = provider_of(runtime_of(request))
    oauth_request = await oauth2_request(request, settings.public_url)
    response: Response = await in_worker(lambda: provider.create_token_response(oauth_request))
    form = oauth_request.form
    if form.get("grant_type") == "password" and form.get("username"):
        await audit_password_grant(request, form["username"], response)
    return response


@router.api_route(OIDC + "/userinfo", methods=["GET", "POST"])
async def userinfo(request: Request, settings: Settings) -> Response:
    """Claims about the person the access token was issued to."""
    runtime = runtime_of(request)
    scheme, _, raw = request.headers.get("authorization", "").partition(" ")
    claims = await _verified(runtime_of(request), raw.strip(), settings) if raw else None
    if scheme.lower() != "bearer" or claims is None:
        return Response(
            status_code=401, headers={"WWW-Authenticate": 'Bearer error="invalid_token"'}
        )
    if "sid" not in claims:  # a service's token: no person behind it
        return JSONResponse({k: claims[k] for k in ("sub", "preferred_username")})
    identity = identity_of(runtime)
    account = await sessions.get_account(identity, UUID(claims["sub"]))
    if account is None:
        return Response(
            status_code=401, headers={"WWW-Authenticate": 'Bearer error="invalid_token"'}
        )
    user = AuthenticatedUser(account, UUID(claims["sid"]), identity.clock())
    return JSONResponse(person_claims(user))


async def _verified(runtime: Any, token: str, settings: IdentitySettings) -> dict[str, Any] | None:
    published = await keys.published_keys(identity_of(runtime))
    try:
        decoded = jwt.decode(token, public_key_set(published), algorithms=[ALGORITHM])
        jwt.JWTClaimsRegistry(
            iss={"essential": True, "value": settings.issuer}, exp={"essential": True}
        ).validate(decoded.claims)
    except (JoseError, ValueError):
        return None
    return dict(decoded.claims)


@router.api_route(OIDC + "/logout", methods=["GET", "POST"])
async def logout(request: Request, settings: Settings) -> Response:
    """Ends a login session: by refresh token (back channel) or by ID token (browser)."""
    provider = provider_of(runtime_of(request))
    oauth_request = await oauth2_request(request, settings.public_url)
    refresh_token = oauth_request.form.get("refresh_token")
    if refresh_token:
        return await _logout_by_refresh_token(provider, oauth_request, refresh_token)
    try:
        response = await in_worker(
            lambda: provider.create_endpoint_response("end_session", oauth_request)
        )
    except OAuth2Error as exc:
        return oauth_error(400, exc.error, exc.description or "")
    return response or render("logged_out.html", 200)


async def _logout_by_refresh_token(provider: Provider, oauth_request: Any, token: str) -> Response:
    methods = ["client_secret_basic", "client_secret_post", "none"]
    try:
        client = await in_worker(lambda: provider.authenticate_client(oauth_request, methods))
    except OAuth2Error as exc:
        return oauth_error(exc.status_code or 401, exc.error, exc.description or "")
    ended = await sessions.end_session_by_refresh_token(
        provider.identity, token, client.get_client_id()
    )
    if not ended:
        return oauth_error(400, "invalid_grant", "Invalid refresh token")
    return Response(status_code=204)

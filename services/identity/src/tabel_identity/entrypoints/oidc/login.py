"""The authorization endpoint: the login page, a forced password change, then the code.

GET checks the authorization request (client, redirect URI, PKCE) and shows the form; POST
checks the password through the lockout rules and redirects back to the client with a code.
A login CSRF token (cookie + hidden field) ties the POST to a page this server rendered.
"""

from __future__ import annotations

import secrets
from typing import Any
from uuid import uuid4

from authlib.oauth2.rfc6749 import OAuth2Error
from fastapi import APIRouter, Request
from starlette.responses import Response

from tabel_identity.domain.accounts import Account
from tabel_identity.domain.errors import (
    AccountLocked,
    InvalidCredentials,
    TicketExpired,
    WeakPassword,
)
from tabel_identity.domain.sessions import new_secret
from tabel_identity.entrypoints.actors import source_of
from tabel_identity.entrypoints.oidc.bridge import in_worker
from tabel_identity.entrypoints.oidc.models import AuthenticatedUser
from tabel_identity.entrypoints.oidc.pages import render
from tabel_identity.entrypoints.oidc.requests import TabelOAuth2Request, oauth2_request
from tabel_identity.entrypoints.oidc.routes import OIDC, Settings, rate_limited
from tabel_identity.entrypoints.oidc.server import Provider
from tabel_identity.service_layer import accounts
from tabel_identity.service_layer.login_audit import record_account_event, record_login
from tabel_identity.settings import IdentitySettings
from tabel_identity.wiring import identity_of, provider_of, runtime_of
from tabel_platform.i18n import translate

CSRF_COOKIE = "tabel_login_csrf"
router = APIRouter(tags=["oidc"])


@router.get(OIDC + "/auth")
async def login_page(request: Request, settings: Settings) -> Response:
    """Login page: checks the authorization request and asks for username and password."""
    provider = provider_of(runtime_of(request))
    oauth_request = await oauth2_request(request, settings.public_url, with_form=False)
    grant = await _consent_grant(provider, oauth_request)
    if isinstance(grant, Response):
        return grant
    csrf = new_secret()
    response = render("login.html", action=_action(request, settings), csrf=csrf, username="")
    response.set_cookie(
        CSRF_COOKIE,
        csrf,
        httponly=True,
        samesite="lax",
        secure=settings.public_url.startswith("https://"),
        path=f"/realms/{settings.oidc_realm}/",
    )
    return response


@router.post(OIDC + "/auth")
async def login(request: Request, settings: Settings) -> Response:
    """Login form: password (with lockout), a forced password change, then the code."""
    form = {k: v for k, v in (await request.form()).items() if isinstance(v, str)}
    page = {"action": _action(request, settings), "csrf": form.get("csrf", "")}
    if rate_limited(request):
        errors = [translate("identity.login.too_many")]
        return render("login.html", 429, errors=errors, username="", **page)
    cookie = request.cookies.get(CSRF_COOKIE, "")
    if not cookie or not secrets.compare_digest(cookie, page["csrf"]):
        return _message(400, "identity.login.stale_heading", "identity.login.stale")
    provider = provider_of(runtime_of(request))
    oauth_request = await oauth2_request(request, settings.public_url, with_form=False)
    grant = await _consent_grant(provider, oauth_request)
    if isinstance(grant, Response):
        return grant
    if "ticket" in form:
        outcome = await _change_password(request, form, page)
    else:
        outcome = await _check_password(request, form, page, oauth_request.payload.client_id or "")
    if isinstance(outcome, Response):
        return outcome
    user = AuthenticatedUser(outcome, uuid4(), identity_of(runtime_of(request)).clock())
    response: Response = await in_worker(
        lambda: provider.create_authorization_response(oauth_request, grant_user=user, grant=grant)
    )
    response.delete_cookie(CSRF_COOKIE, path=f"/realms/{settings.oidc_realm}/")
    return response


async def _check_password(
    request: Request, form: dict[str, str], page: dict[str, str], client_id: str
) -> Any:
    identity = identity_of(runtime_of(request))
    username = form.get("username", "")
    try:
        account = await accounts.authenticate(
            identity, username=username, password=form.get("password", "")
        )
    except InvalidCredentials:
        await _audit(request, username, ok=False, reason="invalid_credentials")
        errors = [translate("identity.login.invalid")]
        return render("login.html", 400, errors=errors, username=username, **page)
    except AccountLocked as exc:
        await _audit(request, username, ok=False, reason="account_locked")
        minutes = max(1, int((exc.until - identity.clock()).total_seconds() // 60) + 1)
        errors = [translate("identity.login.locked", minutes=minutes)]
        return render("login.html", 423, errors=errors, username=username, **page)
    await _audit(request, username, ok=True, reason="password", client_id=client_id)
    if account.must_change_password:
        ticket = await accounts.issue_password_change_ticket(identity, account.id)
        return render("password.html", ticket=ticket, **page)
    return account


async def _change_password(
    request: Request, form: dict[str, str], page: dict[str, str]
) -> Account | Response:
    identity = identity_of(runtime_of(request))
    ticket, new = form.get("ticket", ""), form.get("new_password", "")
    if new != form.get("new_password_repeat"):
        errors = [translate("identity.password.mismatch")]
        return render("password.html", 400, errors=errors, ticket=ticket, **page)
    try:
        account = await accounts.complete_password_change(identity, ticket=ticket, new_password=new)
    except WeakPassword as exc:
        errors = [translate(f"identity.password.{v}") for v in exc.violations]
        return render("password.html", 400, errors=errors, ticket=ticket, **page)
    except TicketExpired:
        errors = [translate("identity.password.ticket_expired")]
        return render("login.html", 400, errors=errors, username="", **page)
    await record_account_event(
        runtime=runtime_of(request), kind="password_changed", account_id=account.id,
        actor_account_id=account.id, source=source_of(request), details={"via": "login_page"},
    )  # fmt: skip
    return account


async def _consent_grant(provider: Provider, oauth_request: TabelOAuth2Request) -> Any:
    """The validated grant, or the answer to a bad request: back to the client with the
    error when its redirect URI is known good, otherwise a page (never an open redirect)."""
    try:
        return await in_worker(lambda: provider.get_consent_grant(oauth_request))
    except OAuth2Error as error:
        if error.redirect_uri:
            return provider.handle_error_response(oauth_request, error)
        return _message(
            400,
            "identity.login.bad_request_heading",
            "identity.login.bad_request",
            error=error.error,
            description=error.description or "",
        )


async def _audit(
    request: Request, username: str, *, ok: bool, reason: str, client_id: str = ""
) -> None:
    await record_login(
        runtime=runtime_of(request), username=username, ok=ok, reason=reason,
        source=source_of(request), method="code", client_id=client_id,
    )  # fmt: skip


def _message(status: int, heading: str, message: str, **params: Any) -> Response:
    return render(
        "message.html",
        status,
        heading=translate(heading),
        message=translate(message, **params),
    )


def _action(request: Request, settings: IdentitySettings) -> str:
    query = f"?{request.url.query}" if request.url.query else ""
    return settings.public_url.rstrip("/") + request.url.path + query

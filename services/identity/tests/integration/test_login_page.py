"""The portal's way in: authorization code with PKCE through the Russian login page.

A browser is played by httpx (GET the page, POST the form, read the redirect); the code is
exchanged by python-keycloak exactly as the portal will do it against Keycloak."""

from __future__ import annotations

import html
import re
import uuid
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest
from joserfc import jwt
from joserfc.jwk import KeySet
from keycloak import KeycloakOpenID
from keycloak.exceptions import KeycloakPostError
from keycloak.pkce_utils import generate_code_challenge, generate_code_verifier

from tabel_identity.testing import OidcProvider

pytestmark = pytest.mark.integration
PORTAL_CALLBACK = "http://127.0.0.1:8000/auth/callback"


def hidden(page: str, field: str) -> str:
    found = re.search(rf'name="{field}" value="([^"]*)"', page)
    assert found, f"no {field} on the page"
    return html.unescape(found.group(1))


def form_action(page: str) -> str:
    found = re.search(r'<form method="post" action="([^"]+)"', page)
    assert found
    return html.unescape(found.group(1))


async def start_login(
    browser: httpx.AsyncClient, portal: KeycloakOpenID, **pkce: str
) -> tuple[httpx.Response, str]:
    url = await portal.a_auth_url(
        PORTAL_CALLBACK, scope="openid", state="st-1", nonce="n-1", **pkce
    )
    page = await browser.get(url)
    return page, url


def code_from(response: httpx.Response) -> str:
    assert response.status_code == 302, response.text
    location = urlsplit(response.headers["location"])
    assert f"{location.scheme}://{location.netloc}{location.path}" == PORTAL_CALLBACK
    query = parse_qs(location.query)
    assert query["state"] == ["st-1"]
    return query["code"][0]


def pkce() -> tuple[str, dict[str, str]]:
    verifier = generate_code_verifier()
    challenge, method = generate_code_challenge(verifier)
    return verifier, {"code_challenge": challenge, "code_challenge_method": method}


async def test_code_flow_with_pkce_through_the_login_page(oidc_provider: OidcProvider) -> None:
    username = f"parent-{uuid.uuid4().hex[:8]}"
    account_id = await oidc_provider.create_account(username, "roditel-2026")
    portal = oidc_provider.keycloak("tabel-portal")
    verifier, challenge = pkce()

    async with httpx.AsyncClient() as browser:
        page, _ = await start_login(browser, portal, **challenge)
        assert page.status_code == 200 and "Вход в электронный журнал" in page.text
        wrong = await browser.post(
            form_action(page.text),
            data={"username": username, "password": "ne-tot-1", "csrf": hidden(page.text, "csrf")},
        )
        assert "Неверное имя пользователя или пароль" in wrong.text
        answer = await browser.post(
            form_action(page.text),
            data={
                "username": username,
                "password": "roditel-2026",
                "csrf": hidden(page.text, "csrf"),
            },
        )
    code = code_from(answer)

    tokens = await portal.a_token(
        grant_type="authorization_code", code=code, redirect_uri=PORTAL_CALLBACK,
        code_verifier=verifier,
    )  # fmt: skip
    principal = await oidc_provider.validator().validate(tokens["access_token"])
    assert principal.subject == str(account_id) and principal.client_id == "tabel-portal"
    keys = await portal.a_certs()
    id_token = jwt.decode(tokens["id_token"], KeySet.import_key_set(keys)).claims
    assert id_token["nonce"] == "n-1" and id_token["aud"] == "tabel-portal"
    with pytest.raises(KeycloakPostError):  # a code is good once
        await portal.a_token(
            grant_type="authorization_code", code=code, redirect_uri=PORTAL_CALLBACK,
            code_verifier=verifier,
        )  # fmt: skip


async def test_public_client_without_pkce_is_sent_back_with_an_error(
    oidc_provider: OidcProvider,
) -> None:
    async with httpx.AsyncClient() as browser:
        page, _ = await start_login(browser, oidc_provider.keycloak("tabel-portal"))
    assert page.status_code == 302
    query = parse_qs(urlsplit(page.headers["location"]).query)
    assert query["error"] == ["invalid_request"] and query["state"] == ["st-1"]


async def test_unregistered_redirect_uri_gets_a_page_not_a_redirect(
    oidc_provider: OidcProvider,
) -> None:
    _, challenge = pkce()
    portal = oidc_provider.keycloak("tabel-portal")
    url = await portal.a_auth_url("https://evil.example/cb", scope="openid", **challenge)
    async with httpx.AsyncClient() as browser:
        page = await browser.get(url)
    assert page.status_code == 400 and "Некорректный запрос на вход" in page.text


async def test_wrong_code_verifier_is_refused(oidc_provider: OidcProvider) -> None:
    username = f"pupil-{uuid.uuid4().hex[:8]}"
    await oidc_provider.create_account(username, "uchenik-2026")
    portal = oidc_provider.keycloak("tabel-portal")
    _, challenge = pkce()
    async with httpx.AsyncClient() as browser:
        page, _ = await start_login(browser, portal, **challenge)
        answer = await browser.post(
            form_action(page.text),
            data={
                "username": username,
                "password": "uchenik-2026",
                "csrf": hidden(page.text, "csrf"),
            },
        )
    with pytest.raises(KeycloakPostError) as caught:
        await portal.a_token(
            grant_type="authorization_code", code=code_from(answer),
            redirect_uri=PORTAL_CALLBACK, code_verifier=generate_code_verifier(),
        )  # fmt: skip
    assert b"invalid_grant" in caught.value.response_body


async def test_a_post_without_the_page_s_csrf_cookie_is_refused(
    oidc_provider: OidcProvider,
) -> None:
    username = f"teacher-{uuid.uuid4().hex[:8]}"
    await oidc_provider.create_account(username, "uchitel-2026")
    portal = oidc_provider.keycloak("tabel-portal")
    _, challenge = pkce()
    async with httpx.AsyncClient() as browser:
        page, _ = await start_login(browser, portal, **challenge)
    async with httpx.AsyncClient() as other_browser:  # no cookie: a cross-site form post
        answer = await other_browser.post(
            form_action(page.text),
            data={
                "username": username,
                "password": "uchitel-2026",
                "csrf": hidden(page.text, "csrf"),
            },
        )
    assert answer.status_code == 400 and "Страница входа устарела" in answer.text


async def test_first_login_asks_for_a_new_password_before_the_code(
    oidc_provider: OidcProvider,
) -> None:
    username = f"new-{uuid.uuid4().hex[:8]}"
    await oidc_provider.create_account(username, "vremennyj-1", must_change_password=True)
    portal = oidc_provider.keycloak("tabel-portal")
    verifier, challenge = pkce()
    async with httpx.AsyncClient() as browser:
        page, _ = await start_login(browser, portal, **challenge)
        csrf = hidden(page.text, "csrf")
        change = await browser.post(
            form_action(page.text),
            data={"username": username, "password": "vremennyj-1", "csrf": csrf},
        )
        assert "Смените пароль" in change.text and "code=" not in change.headers.get("location", "")
        ticket = hidden(change.text, "ticket")
        weak = await browser.post(
            form_action(change.text),
            data={
                "csrf": csrf,
                "ticket": ticket,
                "new_password": "short",
                "new_password_repeat": "short",
            },
        )
        assert weak.status_code == 400 and "короче 8 символов" in weak.text
        answer = await browser.post(
            form_action(change.text),
            data={"csrf": csrf, "ticket": ticket, "new_password": "postoyannyj-2",
                  "new_password_repeat": "postoyannyj-2"},
        )  # fmt: skip
    tokens = await portal.a_token(
        grant_type="authorization_code", code=code_from(answer), redirect_uri=PORTAL_CALLBACK,
        code_verifier=verifier,
    )  # fmt: skip
    assert tokens["access_token"]
    assert await oidc_provider.password_token(username, "postoyannyj-2")


async def test_browser_logout_with_the_id_token_ends_the_session(
    oidc_provider: OidcProvider,
) -> None:
    username = f"leaving-{uuid.uuid4().hex[:8]}"
    await oidc_provider.create_account(username, "uhozhu-2026")
    portal = oidc_provider.keycloak("tabel-portal")
    verifier, challenge = pkce()
    async with httpx.AsyncClient() as browser:
        page, _ = await start_login(browser, portal, **challenge)
        answer = await browser.post(
            form_action(page.text),
            data={
                "username": username,
                "password": "uhozhu-2026",
                "csrf": hidden(page.text, "csrf"),
            },
        )
        tokens = await portal.a_token(
            grant_type="authorization_code", code=code_from(answer),
            redirect_uri=PORTAL_CALLBACK, code_verifier=verifier,
        )  # fmt: skip
        logout = await browser.get(
            f"{oidc_provider.issuer}/protocol/openid-connect/logout",
            params={"id_token_hint": tokens["id_token"], "client_id": "tabel-portal",
                    "post_logout_redirect_uri": "http://127.0.0.1:8000/", "state": "bye"},
        )  # fmt: skip
    assert logout.status_code == 302
    assert logout.headers["location"] == "http://127.0.0.1:8000/?state=bye"
    with pytest.raises(KeycloakPostError):
        await portal.a_refresh_token(tokens["refresh_token"])

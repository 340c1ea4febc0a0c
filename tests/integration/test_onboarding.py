"""A school's way onto the platform, over HTTP, every step real (PostgreSQL, NATS JetStream,
OIDC tokens, two services in-process):

region operator creates the school in roster -> identity learns of it from roster's event
-> activation code -> the first administrator activates the school on its domain and logs in
through the Russian login page (authorization code + PKCE, the portal's client) -> creates a
teacher and a guardian in roster (which knows the administrator from identity's GrantAdded)
-> identity learns them from roster's PersonCreated -> invites them -> each redeems on the
school's domain and logs in the same way -> each access token carries what the services
need, and roster accepts it.
"""

from __future__ import annotations

import html
import re
import secrets
from typing import Any
from urllib.parse import parse_qs, urlsplit
from uuid import UUID

import httpx
import pytest
from keycloak.pkce_utils import generate_code_challenge, generate_code_verifier

from tabel_identity.testing import OidcProvider, identity_provider
from tabel_platform.auth.principal import Principal
from tabel_platform.testing import ServiceHandle, serve_in_process
from tabel_platform.waiting import eventually
from tabel_roster.bootstrap import SPEC as ROSTER

pytestmark = pytest.mark.integration
CALLBACK = "http://127.0.0.1:8000/auth/callback"  # the portal's registered redirect URI


async def log_in_through_the_page(provider: OidcProvider, username: str, password: str) -> str:
    """The portal's login: PKCE, the login page (a browser played by httpx), the code back
    at the callback, exchanged for tokens by python-keycloak. The access token."""
    portal = provider.keycloak("tabel-portal")
    verifier = generate_code_verifier()
    challenge, method = generate_code_challenge(verifier)
    state = secrets.token_urlsafe(8)
    url = await portal.a_auth_url(
        CALLBACK, scope="openid", state=state, nonce="n", code_challenge=challenge,
        code_challenge_method=method,
    )  # fmt: skip
    async with httpx.AsyncClient() as browser:
        page = await browser.get(url)
        assert page.status_code == 200 and "Вход в электронный журнал" in page.text
        action = html.unescape(re.findall(r'<form method="post" action="([^"]+)"', page.text)[0])
        csrf = html.unescape(re.findall(r'name="csrf" value="([^"]*)"', page.text)[0])
        answer = await browser.post(
            action, data={"username": username, "password": password, "csrf": csrf}
        )
    assert answer.status_code == 302, answer.text
    back = urlsplit(answer.headers["location"])
    query = parse_qs(back.query)
    assert query["state"] == [state]
    tokens = await portal.a_token(grant_type="authorization_code", code=query["code"][0],
                                  redirect_uri=CALLBACK, code_verifier=verifier)  # fmt: skip
    return str(tokens["access_token"])


def client(base: str, token: str = "", **headers: str) -> httpx.AsyncClient:
    auth = {"Authorization": f"Bearer {token}"} if token else {}
    return httpx.AsyncClient(base_url=base, headers={**auth, **headers}, timeout=20)


async def ok(answer: httpx.Response, status: int = 201) -> Any:
    assert answer.status_code == status, answer.text
    return answer.json() if answer.content else None


async def new_person(
    roster: ServiceHandle, admin_token: str, school_id: UUID, last: str, first: str, kind: str
) -> UUID:
    """The administrator creates a person in roster. Roster knows the administrator's right
    from identity's GrantAdded event, so it may refuse (403) until that event has arrived."""
    body = {"last_name": last, "first_name": first, "kinds": [kind]}
    async with client(roster.http_url, admin_token, **{"X-Tabel-School": str(school_id)}) as h:
        answer = await eventually(
            lambda: h.post("/v1/people", json=body), lambda a: a.status_code != 403, timeout=30
        )
    return UUID((await ok(answer))["id"])


async def invite_when_known(identity: str, admin_token: str, school: UUID, person: UUID) -> Any:
    """Invites the person once identity has taken them in from roster's events."""

    async def attempt() -> httpx.Response:
        async with client(identity, admin_token) as h:
            return await h.post(
                f"/v1/schools/{school}/invitations", json={"person_id": str(person)}
            )

    answer = await eventually(attempt, lambda a: a.status_code != 404, timeout=30)
    return await ok(answer)


def assert_carries(
    principal: Principal, provider: OidcProvider, person: UUID, school: UUID
) -> None:
    assert principal.issuer == provider.issuer and provider.audience in principal.claims["aud"]
    assert principal.person_id == person and principal.school_ids == frozenset({school})


async def test_a_school_is_onboarded_and_its_people_log_in(
    make_database: Any, own_nats_server: Any
) -> None:
    # A NATS of its own: another identity in the session (with the same durable consumer)
    # would share roster's events with this one.
    nats_url = own_nats_server.url
    identity_db = await make_database(migrations="tabel_identity:migrations")
    roster_db = await make_database(migrations="tabel_roster:migrations")
    async with identity_provider(
        database_url=identity_db, nats_url=nats_url, with_consumers=True
    ) as provider:
        trust = {"oidc_issuers": provider.issuer, "oidc_audience": provider.audience}
        async with serve_in_process(
            ROSTER, database_url=roster_db, nats_url=nats_url, **trust
        ) as roster:
            await walk(provider, roster)


async def walk(provider: OidcProvider, roster: ServiceHandle) -> None:
    identity, validator = provider.url, provider.validator()
    operator_name = f"operator-{secrets.token_hex(3)}"
    operator = await provider.create_account(
        operator_name, "Region-2026", roles=["region_operator"]
    )
    await provider.grant(operator, "region_operator")
    operator_token = await log_in_through_the_page(provider, operator_name, "Region-2026")

    # 1. The region operator creates the school in roster; identity learns of it by event.
    domain = f"school-{secrets.token_hex(4)}.test"
    async with client(roster.http_url, operator_token) as h:
        municipality = await ok(await h.post("/v1/municipalities", json={"name": "Озёрский округ"}))
        school = await ok(await h.post("/v1/schools", json={
            "municipality_id": municipality["id"], "name": "Средняя школа № 7",
            "short_name": "СШ № 7", "domains": [domain],
        }))  # fmt: skip
    school_id = UUID(school["id"])
    async with client(identity, operator_token) as h:
        known = await eventually(
            lambda: h.get(f"/v1/schools/{school_id}/onboarding"),
            lambda a: a.status_code == 200, timeout=30,
        )  # fmt: skip
        assert known.json()["status"] == "pending_activation"
        code = (await ok(await h.post(f"/v1/schools/{school_id}/activation-codes", json={})))[
            "code"
        ]

    # 2. The first administrator activates the school on its domain and logs in.
    async with client(identity, Host=domain) as h:
        activated = await ok(await h.post("/v1/activation", json={
            "code": code, "username": "direktor-sh7", "password": "Pervyj-vhod-2026",
            "display_name": "Кузнецова Елена Викторовна",
        }))  # fmt: skip
    assert activated["school_id"] == str(school_id)
    admin_token = await log_in_through_the_page(provider, "direktor-sh7", "Pervyj-vhod-2026")
    admin = await validator.validate(admin_token)
    assert admin.school_ids == frozenset({school_id}) and admin.client_id == "tabel-portal"

    # 3. A teacher and a guardian, invited; each redeems on the school's domain and logs in.
    people = {
        "uchitel-sh7": await new_person(roster, admin_token, school_id, "Морозова", "Ольга",
                                        "staff"),
        "roditel-sh7": await new_person(roster, admin_token, school_id, "Соколов", "Андрей",
                                        "guardian"),
    }  # fmt: skip
    for username, person_id in people.items():
        invitation = await invite_when_known(identity, admin_token, school_id, person_id)
        async with client(identity, Host=domain) as h:
            redeemed = await ok(await h.post("/v1/invitations/redemption", json={
                "code": invitation["code"], "username": username, "password": "Moj-parol-2026",
            }))  # fmt: skip
        assert redeemed["person_id"] == str(person_id)
        token = await log_in_through_the_page(provider, username, "Moj-parol-2026")
        assert_carries(await validator.validate(token), provider, person_id, school_id)
        async with client(roster.http_url, token) as h:  # another service accepts it
            card = await ok(await h.get(f"/v1/schools/{school_id}"), 200)
        assert card["primary_domain"] == domain
    assert redeemed["role"] == "guardian"  # implied by roster's kind of person

"""A successful login emits `LoginSucceeded` through the outbox, in the transaction of its
audit entry (reporting counts logins, seed 004 3.2.1); a refused login emits nothing."""

from __future__ import annotations

import uuid
from uuid import UUID

import httpx
import pytest
from keycloak.exceptions import KeycloakAuthenticationError, KeycloakPostError
from sqlalchemy import text

from tabel.events.v1 import envelope_pb2
from tabel.identity.v1 import events_pb2
from tabel_identity.realm_setup import CLI
from tabel_identity.testing import OidcProvider

from .test_login_page import code_from, form_action, hidden, pkce, start_login

pytestmark = pytest.mark.integration
SUBJECT = "tabel.identity.login.succeeded.v1"


async def login_events(
    provider: OidcProvider, account_id: UUID
) -> list[tuple[envelope_pb2.Envelope, events_pb2.LoginSucceeded]]:
    """The account's login events in identity's outbox, oldest first."""
    async with provider.handle.runtime.db.transaction(school_id=None, all_schools=True) as session:
        rows = await session.execute(
            text("SELECT envelope FROM outbox WHERE subject = :s ORDER BY created_at"),
            {"s": SUBJECT},
        )
        found = []
        for (raw,) in rows:
            env = envelope_pb2.Envelope.FromString(raw)
            event = events_pb2.LoginSucceeded()
            env.payload.Unpack(event)
            if event.account_id == str(account_id):
                found.append((env, event))
    return found


async def audited_logins(provider: OidcProvider, username: str) -> list[tuple[str, str]]:
    async with provider.handle.runtime.db.transaction(school_id=None, all_schools=True) as session:
        rows = await session.execute(
            text("SELECT kind, school_id FROM audit_log WHERE username = :u ORDER BY at"),
            {"u": username},
        )
        return [(r.kind, str(r.school_id)) for r in rows]


async def test_password_grant_login_emits_the_event_and_a_refusal_does_not(
    oidc_provider: OidcProvider,
) -> None:
    username, person = f"t-{uuid.uuid4().hex[:10]}", uuid.uuid4()
    schools = sorted([uuid.uuid4(), uuid.uuid4()])
    account = await oidc_provider.create_account(
        username, "Uchitel-2026-x", person_id=person, school_ids=schools
    )
    with pytest.raises((KeycloakAuthenticationError, KeycloakPostError)):
        await oidc_provider.password_token(username, "ne-tot-parol-1")
    assert await login_events(oidc_provider, account) == []

    await oidc_provider.password_token(username, "Uchitel-2026-x")

    [(env, event)] = await login_events(oidc_provider, account)
    assert (event.subject, event.person_id) == (str(account), str(person))
    assert list(event.school_ids) == [str(s) for s in schools]
    assert (event.client_id, event.method) == (CLI, "password")
    assert env.source == "identity" and env.type == SUBJECT
    assert (env.actor.kind, env.actor.subject, env.actor.person_id) == (
        "user", str(account), str(person),
    )  # fmt: skip
    # Audited per school: the refusal in both schools, then the login in both.
    assert await audited_logins(oidc_provider, username) == sorted(
        [("login_failed", str(s)) for s in schools]
    ) + sorted([("login", str(s)) for s in schools])


async def test_login_page_emits_the_event_with_the_client_and_a_wrong_password_does_not(
    oidc_provider: OidcProvider,
) -> None:
    username, school = f"p-{uuid.uuid4().hex[:10]}", uuid.uuid4()
    account = await oidc_provider.create_account(username, "roditel-2026", school_ids=[school])
    portal = oidc_provider.keycloak("tabel-portal")
    _, challenge = pkce()
    async with httpx.AsyncClient() as browser:
        page, _ = await start_login(browser, portal, **challenge)
        form = {"username": username, "csrf": hidden(page.text, "csrf")}
        wrong = await browser.post(form_action(page.text), data={**form, "password": "ne-tot"})
        assert wrong.status_code == 400
        assert await login_events(oidc_provider, account) == []
        answer = await browser.post(
            form_action(page.text), data={**form, "password": "roditel-2026"}
        )
    code_from(answer)

    [(env, event)] = await login_events(oidc_provider, account)
    assert (event.client_id, event.method, event.person_id) == ("tabel-portal", "code", "")
    assert list(event.school_ids) == [str(school)] and env.school_id == str(school)

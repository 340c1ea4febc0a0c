"""Roster test fixtures: a running roster on a fresh database, trusting identity's embedded
OIDC provider (`oidc_provider`: real accounts, real password and client-credentials tokens,
and `oneroster_client`: a school's OneRoster client registered there with its scopes).
"""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest

from tabel_platform.demo import demo_id
from tabel_platform.events.envelope import Actor
from tabel_platform.testing import ServiceHandle, serve_in_process
from tabel_roster.bootstrap import SPEC
from tabel_roster.service_layer.schools import CreateSchool, create_school

ONEROSTER_CORE = "https://purl.imsglobal.org/spec/or/v1p2/scope/roster-core.readonly"


@pytest.fixture
async def roster(
    make_database: Any,
    nats_server: Any,
    oidc_provider: Any,
) -> AsyncIterator[ServiceHandle]:
    url = await make_database(migrations="tabel_roster:migrations")
    async with serve_in_process(
        SPEC,
        database_url=url,
        nats_url=nats_server.url,
        oidc_issuers=oidc_provider.issuer,
        oidc_audience=oidc_provider.audience,
    ) as handle:
        yield handle


PLATFORM_ROLES = frozenset({"region_operator", "municipal_analyst"})
# A role, or a role narrowed to a scope: ("class_teacher", ("class", class_id)).
RoleSpec = str | tuple[str, tuple[str, uuid.UUID]]


async def projected(roster: ServiceHandle, school: uuid.UUID, grant_id: uuid.UUID) -> None:
    """Wait until roster has taken in a grant from identity's events over NATS."""
    from tabel_platform.waiting import eventually
    from tabel_roster.adapters.grants_repo import grant_known

    async def known() -> bool:
        async with roster.runtime.db.transaction(school_id=school) as session:
            return await grant_known(session, grant_id)

    await eventually(known, bool, timeout=30)


@pytest.fixture
def person_token(oidc_provider: Any, roster: ServiceHandle) -> Any:
    """`await person_token(roles, schools, person_id)`: a password-grant token of a new account
    whose school roles are real grants (GrantAdded over NATS, projected by roster); platform
    roles (region operator) stay realm roles in the token."""

    async def issue(
        roles: list[RoleSpec], schools: list[uuid.UUID], person_id: uuid.UUID | None = None
    ) -> str:
        username, password = f"u{uuid.uuid4().hex[:12]}", "Табель-тест-2026!"
        platform = [r for r in roles if isinstance(r, str) and r in PLATFORM_ROLES]
        account = await oidc_provider.create_account(
            username, password, person_id=person_id or uuid.uuid4(), school_ids=schools,
            roles=platform,
        )  # fmt: skip
        for spec in roles:
            if spec in platform:
                continue
            role, scope = (spec, None) if isinstance(spec, str) else spec
            for school in schools:
                grant = await oidc_provider.grant(account, role, school_id=school, scope=scope)
                await projected(roster, school, grant.id)
        return str(await oidc_provider.password_token(username, password))

    return issue


@pytest.fixture
async def service_token(oidc_provider: Any) -> str:
    """A client-credentials token of another service (schedule), as it calls roster's gRPC."""
    secret = oidc_provider.service_secret("schedule")
    return str(await oidc_provider.client_token("svc-schedule", secret))


@pytest.fixture
def oneroster_client(oidc_provider: Any) -> Any:
    """`await oneroster_client(school, scopes=[...], scope=...)` → a client-credentials token of
    a new OneRoster client of the school on identity's provider, asking for `scope` (default:
    the scopes it has)."""

    async def issue(
        school: uuid.UUID, *, scopes: tuple[str, ...] = (ONEROSTER_CORE,), scope: str | None = None
    ) -> str:
        client_id, secret = f"oneroster-{uuid.uuid4().hex[:12]}", uuid.uuid4().hex
        await oidc_provider.create_client(client_id, secret, scopes=scopes, school_ids=[school])
        asked = " ".join(scopes) if scope is None else scope
        return str(await oidc_provider.client_token(client_id, secret, scope=asked))

    return issue


async def new_school(handle: ServiceHandle, domain: str | None = None) -> uuid.UUID:
    school = await create_school(
        runtime=handle.runtime,
        command=CreateSchool(
            municipality_id=demo_id("municipality/1"),
            name="МБОУ «Тестовая школа»",
            short_name="Тестовая",
            domains=[domain or f"t{uuid.uuid4().hex[:10]}.example.ru"],
        ),
        actor=Actor.system(),
    )
    return school.id


@pytest.fixture
def make_school() -> Any:
    return new_school


@pytest.fixture
async def api(roster: ServiceHandle, person_token: Any) -> AsyncIterator[Any]:
    """`await api(roles, school)` → an httpx client acting as a person granted those roles
    there (see `person_token`)."""
    clients: list[httpx.AsyncClient] = []

    async def build(
        roles: list[RoleSpec], school: uuid.UUID | None, person_id: uuid.UUID | None = None
    ) -> httpx.AsyncClient:
        token = await person_token(roles, [school] if school else [], person_id)
        headers = {"authorization": f"Bearer {token}", "accept-language": "ru"}
        if school:
            headers["x-tabel-school"] = str(school)
        clients.append(httpx.AsyncClient(base_url=roster.http_url, headers=headers, timeout=30))
        return clients[-1]

    yield build
    for client in clients:
        await client.aclose()

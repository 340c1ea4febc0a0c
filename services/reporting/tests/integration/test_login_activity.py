"""Logins in the monthly user activity (seed 004 3.2.1), end to end: a real identity service
logs people in and emits `LoginSucceeded` (and the role grants) through its outbox to the same
NATS that reporting consumes; the report counts logins per person and per role."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from typing import Any

import httpx
import pytest
from keycloak.exceptions import KeycloakAuthenticationError, KeycloakPostError
from sqlalchemy import text

from tabel.roster.v1 import events_pb2 as roster
from tabel_identity.testing import OidcProvider, identity_provider
from tabel_platform.testing import ServiceHandle, serve_in_process
from tabel_platform.waiting import eventually
from tabel_reporting.bootstrap import SPEC
from tabel_reporting.testing import EventPublisher, wait_applied
from tabel_reporting.testing_class import HandComputedClass, _person

PASSWORD = "Vhod-v-zhurnal-2026"


@pytest.fixture
async def identity(make_database: Any, own_nats_server: Any) -> AsyncIterator[OidcProvider]:
    """Identity of this test: its events go to the NATS the test's reporting reads."""
    database_url = await make_database(migrations="tabel_identity:migrations")
    async with identity_provider(database_url=database_url, nats_url=own_nats_server.url) as p:
        yield p


@pytest.fixture
async def reporting_of_identity(
    make_database: Any, own_nats_server: Any, identity: OidcProvider
) -> AsyncIterator[ServiceHandle]:
    database_url = await make_database(migrations="tabel_reporting:migrations")
    async with serve_in_process(
        SPEC, database_url=database_url, nats_url=own_nats_server.url,
        oidc_issuers=identity.issuer, oidc_audience=identity.audience,
    ) as handle:  # fmt: skip
        yield handle


async def account(
    identity: OidcProvider, person: uuid.UUID, *schools: uuid.UUID, role: str = ""
) -> str:
    """A person's account in their schools (with a role grant in the first); its username."""
    username = f"u-{uuid.uuid4().hex[:10]}"
    account_id = await identity.create_account(
        username, PASSWORD, person_id=person, school_ids=schools
    )
    if role:
        await identity.grant(account_id, role, school_id=schools[0])
    return username


async def test_logins_are_counted_per_person_and_role_in_each_school(
    reporting_of_identity: ServiceHandle, identity: OidcProvider, publisher: EventPublisher
) -> None:
    w, director_person, elsewhere = HandComputedClass(), uuid.uuid4(), uuid.uuid4()
    published = await w.publish(publisher)
    director = _person(director_person, str(w.school_id), "Орлова", "Вера", "Николаевна", False)
    smirnov = _person(w.teacher_id, str(w.school_id), "Смирнов", "Олег", "Ильич", False)
    for person in (director, smirnov):
        await publisher.publish(roster.PersonCreated(person=person), school_id=w.school_id)
    await wait_applied(reporting_of_identity, published + 2)  # before identity's events
    teacher = await account(identity, w.class_teacher_id, w.school_id, elsewhere, role="teacher")
    student = await account(identity, w.students[0], w.school_id)
    head = await account(identity, director_person, w.school_id, role="director")

    for username in (teacher, teacher, student, head):
        await identity.password_token(username, PASSWORD)
    with pytest.raises((KeycloakAuthenticationError, KeycloakPostError)):
        await identity.password_token(student, "ne-tot-parol-1")  # refused: not counted
    token = await identity.password_token(head, PASSWORD)  # the director's second login

    async def activity() -> dict[str, Any]:
        headers = {"Authorization": f"Bearer {token}", "X-Tabel-School": str(w.school_id)}
        month = datetime.now(UTC).date().isoformat()
        async with httpx.AsyncClient(
            base_url=reporting_of_identity.http_url, headers=headers
        ) as client:
            answer = await client.get("/v1/reporting/school/activity", params={"month": month})
        return dict(answer.json()) if answer.status_code == 200 else {}

    def by_role(body: dict[str, Any]) -> list[list[Any]]:
        return next(
            (t["rows"] for t in body.get("tables", []) if t["title"] == "Входы по ролям"), []
        )

    def settled(body: dict[str, Any]) -> bool:
        """Every role and person is there and all five logins have arrived (events of one
        account may be applied a batch apart, so the rows alone are not enough)."""
        if len(by_role(body)) != 4 or len(body["tables"][0]["rows"]) != 4:
            return False
        return sum(row[2] for row in body["tables"][0]["rows"]) == 5

    report = await eventually(activity, settled, timeout=30)
    assert by_role(report) == [
        ["директор", 1, 2],
        ["классный руководитель", 1, 2],
        ["ученик", 1, 1],
        ["учитель", 1, 2],
    ]
    people = {r[0]: r[1:3] for r in report["tables"][0]["rows"]}
    assert people["Кузнецова Ирина Павловна"] == ["учитель, классный руководитель", 2]
    assert people["Алексеева Анна Петровна"] == ["ученик", 1]
    assert people["Орлова Вера Николаевна"] == ["директор", 2]
    assert people["Смирнов Олег Ильич"] == ["роль не назначена", 0]  # journal work, no login
    assert report["tables"][0]["rows"][-1][3:5] == [23, 1]  # his marks recorded and changed
    async with reporting_of_identity.runtime.db.transaction(school_id=elsewhere) as session:
        other_school = await session.execute(
            text("SELECT person_id, action, events FROM activity WHERE school_id = :s"),
            {"s": elsewhere},
        )
        assert [tuple(r) for r in other_school] == [(w.class_teacher_id, "login.succeeded", 2)]

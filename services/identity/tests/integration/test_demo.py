"""The demo seed: known development logins for the region operator and the analyst, school 1
activated by its administrator, school 2 waiting with a printed code that works, and the
journal demo's people of school 1 with their grants; running it again changes nothing."""

from __future__ import annotations

import re
from typing import Any

import httpx
import pytest
from sqlalchemy import text

from tabel_identity.demo import seed_demo
from tabel_identity.demo_oneroster import DEMO_CLIENT, DEMO_SECRET
from tabel_identity.demo_schools import SCHOOL_1, SCHOOL_2
from tabel_identity.domain.clients import ROSTER_CORE_READONLY
from tabel_identity.testing import identity_provider
from tabel_platform.demo import demo_id

pytestmark = pytest.mark.integration


async def test_seed_creates_demo_logins_once(make_database: Any, nats_server: Any) -> None:
    database_url = await make_database(migrations="tabel_identity:migrations")
    async with identity_provider(database_url=database_url, nats_url=nats_server.url) as idp:
        first = await seed_demo(idp.handle.runtime)
        again = await seed_demo(idp.handle.runtime)
        validator = idp.validator()
        operator = await validator.validate(await idp.password_token("operator", "region-2026"))
        analyst = await validator.validate(await idp.password_token("analyst", "analitika-2026"))
        admin = await validator.validate(await idp.password_token("admin1", "nastrojka-2026"))
        teacher = await validator.validate(await idp.password_token("uchitel1", "matematika-2026"))
        guardian = await validator.validate(await idp.password_token("roditel1", "semya-2026"))
        lms_token = await idp.client_token(DEMO_CLIENT, DEMO_SECRET, scope=ROSTER_CORE_READONLY)
        lms = await validator.validate(lms_token)
        code = re.search(r"код активации (\S+)", "\n".join(again))
        assert code, again
        async with httpx.AsyncClient(base_url=idp.url, headers={"Host": "gym2.localhost"}) as h:
            activated = await h.post("/v1/activation", json={
                "code": code.group(1), "username": "admin2", "password": "Gimnaziya-2026",
                "display_name": "Петрова Анна Ивановна",
            })  # fmt: skip
        async with idp.handle.runtime.db.transaction(school_id=SCHOOL_1) as s:
            grants = (await s.execute(text(
                "SELECT role, scope_kind FROM grants WHERE account_id = :a AND revoked_at IS NULL"
            ), {"a": demo_id("account/uchitel1")})).all()  # fmt: skip
    assert all(line.startswith("identity:") for line in first + again)
    assert any("создан" in line and "operator" in line for line in first)
    assert all("создан " not in line for line in again)
    assert operator.has_role("region_operator") and analyst.has_role("municipal_analyst")
    assert admin.school_ids == frozenset({SCHOOL_1})
    assert teacher.person_id == demo_id("school/1/person/teacher/3")  # maths, leads 5А
    assert guardian.person_id == demo_id("school/1/person/guardian/5А/1/1")
    assert sorted(grants, key=str) == sorted(
        [("teacher", None), ("teacher", "class"), ("teacher", "subject")], key=str
    )
    assert activated.status_code == 201, activated.text
    assert lms.school_ids == {SCHOOL_1} and lms.scopes == {ROSTER_CORE_READONLY}
    assert any(DEMO_CLIENT in line for line in again)
    assert activated.json()["school_id"] == str(SCHOOL_2)

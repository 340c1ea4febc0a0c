"""The demo seed: known development logins for the region operator and the analyst."""

from __future__ import annotations

from typing import Any

import pytest

from tabel_identity.demo import seed_demo
from tabel_identity.testing import identity_provider

pytestmark = pytest.mark.integration


async def test_seed_creates_demo_logins_once(make_database: Any, nats_server: Any) -> None:
    database_url = await make_database(migrations="tabel_identity:migrations")
    async with identity_provider(database_url=database_url, nats_url=nats_server.url) as idp:
        first = await seed_demo(idp.handle.runtime)
        again = await seed_demo(idp.handle.runtime)
        operator = await idp.validator().validate(
            await idp.password_token("operator", "region-2026")
        )
        analyst = await idp.validator().validate(
            await idp.password_token("analyst", "analitika-2026")
        )
    assert any("создан" in line and "operator" in line for line in first)
    assert all("создан " not in line for line in again)
    assert operator.has_role("region_operator") and analyst.has_role("municipal_analyst")

"""The demo's OneRoster client of school 1 (an LMS reading the roster), with a known
development secret; running the seed again changes nothing."""

from __future__ import annotations

from datetime import UTC, datetime

from tabel_identity.adapters import school_clients_repo
from tabel_identity.demo_schools import SCHOOL_1
from tabel_identity.domain.school_clients import DEFAULT_SCOPES, SchoolClient
from tabel_identity.service_layer.realm import ClientSpec, ensure_clients
from tabel_identity.wiring import identity_of, settings_of
from tabel_platform.runtime import Runtime

# Development only: documented so the OneRoster API can be tried at once.
DEMO_CLIENT, DEMO_SECRET = "oneroster-demo", "oneroster-demo-2026"


async def seed_oneroster_client(runtime: Runtime) -> list[str]:
    settings = settings_of(runtime)
    client = SchoolClient(
        client_id=DEMO_CLIENT, school_id=SCHOOL_1, name="Демо: электронная библиотека",
        scopes=DEFAULT_SCOPES, created_at=datetime(2026, 9, 1, tzinfo=UTC),
    )  # fmt: skip
    async with runtime.uow(school_id=SCHOOL_1) as uow:
        await school_clients_repo.add(uow.session, settings.oidc_realm, client, if_missing=True)
    await ensure_clients(identity_of(runtime), [ClientSpec(client.credential(""), DEMO_SECRET)])
    scope = next(iter(DEFAULT_SCOPES))
    return [
        f"identity: клиент OneRoster школы № 1: {DEMO_CLIENT} / {DEMO_SECRET}; токен: "
        f"curl -u {DEMO_CLIENT}:{DEMO_SECRET} -d grant_type=client_credentials "
        f"-d scope={scope} {settings.issuer}/protocol/openid-connect/token"
    ]

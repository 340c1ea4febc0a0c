"""The demo region's accounts: a region operator and a municipal analyst with known
development passwords. Running the seed again changes nothing."""

from __future__ import annotations

from tabel_identity.demo_oneroster import seed_oneroster_client
from tabel_identity.demo_schools import seed_schools
from tabel_identity.domain.accounts import MUNICIPAL_ANALYST, REGION_OPERATOR
from tabel_identity.domain.errors import UsernameTaken
from tabel_identity.domain.grants import Scope, ScopeKind
from tabel_identity.domain.permissions import Role
from tabel_identity.service_layer.accounts import RegisterAccount, register_account
from tabel_identity.service_layer.platform_grants import grant_platform_role
from tabel_identity.wiring import identity_of, settings_of
from tabel_platform.demo import demo_id
from tabel_platform.runtime import Runtime

# Development only: documented so a person can log in to the demo; never use in production.
DEMO_ACCOUNTS = [
    ("operator", "region-2026", REGION_OPERATOR, "оператор региона"),
    ("analyst", "analitika-2026", MUNICIPAL_ANALYST, "аналитик муниципалитета"),
]


async def seed_demo(runtime: Runtime) -> list[str]:
    identity = identity_of(runtime)
    settings = settings_of(runtime)
    lines = []
    for username, password, role, title in DEMO_ACCOUNTS:
        command = RegisterAccount(
            username=username,
            password=password,
            roles=frozenset({role}),
            account_id=demo_id(f"account/{username}"),
        )
        try:
            await register_account(identity, command)
            lines.append(f"identity: создан вход «{title}»: {username} / {password}")
        except UsernameTaken:
            lines.append(f"identity: вход «{title}» уже есть: {username} / {password}")
    # Their grants, as the services' projections need them (GrantAdded events).
    municipality = Scope(ScopeKind.MUNICIPALITY, demo_id("municipality/1"))
    await grant_platform_role(
        runtime=runtime, account_id=demo_id("account/operator"), role=Role.REGION_OPERATOR
    )
    await grant_platform_role(
        runtime=runtime, account_id=demo_id("account/analyst"), role=Role.MUNICIPAL_ANALYST,
        scope=municipality,
    )  # fmt: skip
    lines += await seed_schools(runtime)
    lines += await seed_oneroster_client(runtime)
    lines.append(
        f"identity: OIDC-провайдер {settings.issuer}; токен из командной строки: "
        f"curl -d grant_type=password -d client_id=tabel-cli -d username=operator "
        f"-d password=region-2026 {settings.issuer}/protocol/openid-connect/token"
    )
    return lines

"""pytest plugin: one embedded OIDC provider (a real identity service) per test session.

Loaded by the root conftest (`pytest_plugins`). Needs the devstack fixtures (PostgreSQL,
NATS). Services' tests point their settings at it and get real tokens through the same
python-keycloak client code that runs against Keycloak:

    async def test_x(oidc_provider):
        account = await oidc_provider.create_account("teacher1", "secret-2026", school_ids=[s])
        token = await oidc_provider.password_token("teacher1", "secret-2026")
        settings = dict(oidc_issuers=oidc_provider.issuer, oidc_audience=oidc_provider.audience)
        bad = oidc_provider.forge_token({"sub": "x"})  # right claims, foreign key
        await oidc_provider.create_client("lms", "s3cret", scopes=[ONEROSTER], school_ids=[s])
        lms = await oidc_provider.client_token("lms", "s3cret", scope=ONEROSTER)
"""

from __future__ import annotations

import contextlib
import dataclasses
import time
import uuid
from collections.abc import AsyncIterator, Iterable
from dataclasses import dataclass, field
from typing import Any
from uuid import UUID

import pytest_asyncio
from joserfc import jwt
from joserfc.jwk import RSAKey
from keycloak import KeycloakOpenID

from tabel_devstack.testing import DatabaseFactory, DatabaseTemplates
from tabel_identity.adapters.signing import make_rsa_key
from tabel_identity.bootstrap import SPEC
from tabel_identity.domain.clients import CLIENT_CREDENTIALS, OAuthClient
from tabel_identity.domain.grants import Grant, Scope, ScopeKind
from tabel_identity.domain.permissions import PLATFORM_ROLES, Role
from tabel_identity.realm_setup import CLI
from tabel_identity.service_layer import accounts, keys
from tabel_identity.service_layer.authorization import Actor
from tabel_identity.service_layer.grants import GrantRole, add_grant_in
from tabel_identity.service_layer.platform_grants import grant_platform_role
from tabel_identity.service_layer.realm import ClientSpec, ensure_clients
from tabel_identity.settings import IdentitySettings
from tabel_identity.wiring import identity_of, settings_of
from tabel_platform.auth.tokens import TokenValidator
from tabel_platform.testing import ServiceHandle, free_port, serve_in_process

__all__ = ["OidcProvider", "forge_token", "identity_provider", "oidc_provider"]

_foreign_key: RSAKey | None = None
# The provider needs no events: without roster's consumer there is no JetStream pull
# subscription whose drain at shutdown can stall (nats-py waits out its 30 s drain timeout
# when a fetch is in flight).
PROVIDER_ONLY = dataclasses.replace(SPEC, consumers=lambda rt: [])


def forge_token(claims: dict[str, Any], *, kid: str = "forged-key") -> str:
    """An RS256 token signed with a key no issuer publishes: for "must be refused" tests."""
    global _foreign_key
    if _foreign_key is None:
        _foreign_key = RSAKey.generate_key(2048, private=True)
    return jwt.encode({"alg": "RS256", "kid": kid}, claims, _foreign_key, algorithms=["RS256"])


@dataclass
class OidcProvider:
    handle: ServiceHandle
    _clients: list[KeycloakOpenID] = field(default_factory=list)

    @property
    def settings(self) -> IdentitySettings:
        return settings_of(self.handle.runtime)

    @property
    def issuer(self) -> str:
        return self.settings.issuer

    @property
    def audience(self) -> str:
        return self.settings.oidc_audience

    @property
    def url(self) -> str:
        """The server URL python-keycloak wants (without /realms/...)."""
        return self.handle.http_url

    @property
    def realm(self) -> str:
        return self.settings.oidc_realm

    def service_secret(self, service: str) -> str:
        return self.settings.service_secret(service)

    async def create_account(
        self,
        username: str,
        password: str,
        *,
        person_id: UUID | None = None,
        school_ids: Iterable[UUID] = (),
        roles: Iterable[str] = (),
        must_change_password: bool = False,
    ) -> UUID:
        command = accounts.RegisterAccount(
            username=username,
            password=password,
            person_id=person_id,
            school_ids=frozenset(school_ids),
            roles=frozenset(roles),
            must_change_password=must_change_password,
        )
        return await accounts.register_account(identity_of(self.handle.runtime), command)

    async def grant(
        self,
        account_id: UUID,
        role: str,
        *,
        school_id: UUID | None = None,
        scope: tuple[str, UUID | None] | None = None,
        person_id: UUID | None = None,
    ) -> Grant | None:
        """A real grant (with its GrantAdded event), as an administrator or the deployment
        would give it: `scope` is e.g. ("class", class_id); platform roles need no school."""
        runtime = self.handle.runtime
        found = Scope(ScopeKind(scope[0]), scope[1]) if scope else None
        if Role(role) in PLATFORM_ROLES:
            return await grant_platform_role(
                runtime=runtime, account_id=account_id, role=Role(role), scope=found
            )
        assert school_id is not None, "a school role needs school_id"
        command = GrantRole(school_id=school_id, account_id=account_id, role=Role(role),
                            scope=found, person_id=person_id)  # fmt: skip
        async with runtime.uow(school_id=school_id) as uow:
            return await add_grant_in(
                uow, realm=self.realm, command=command, by=Actor(subject="test")
            )

    async def create_client(
        self,
        client_id: str,
        secret: str,
        *,
        scopes: Iterable[str] = (),
        school_ids: Iterable[UUID] = (),
        roles: Iterable[str] = (),
    ) -> None:
        """A confidential client-credentials client (e.g. a school's OneRoster client: its
        scopes and schools); `client_token(client_id, secret, scope=...)` gets its tokens."""
        client = OAuthClient(
            client_id=client_id, secret_hash=None, grant_types=frozenset({CLIENT_CREDENTIALS}),
            roles=frozenset(roles), scopes=frozenset(scopes), school_ids=frozenset(school_ids),
        )  # fmt: skip
        await ensure_clients(identity_of(self.handle.runtime), [ClientSpec(client, secret)])

    def keycloak(self, client_id: str = CLI, secret: str | None = None) -> KeycloakOpenID:
        client = KeycloakOpenID(
            server_url=self.url, realm_name=self.realm, client_id=client_id,
            client_secret_key=secret, timeout=10,
        )  # fmt: skip
        self._clients.append(client)
        return client

    async def tokens(self, username: str, password: str, *, client_id: str = CLI) -> dict[str, Any]:
        """The whole token response of a password grant (access, refresh, ID token)."""
        return await self.keycloak(client_id).a_token(username=username, password=password)

    async def password_token(self, username: str, password: str) -> str:
        return str((await self.tokens(username, password))["access_token"])

    async def client_token(self, client_id: str, secret: str, *, scope: str = "openid") -> str:
        """A client-credentials token; only the requested scopes the client has are given."""
        response = await self.keycloak(client_id, secret).a_token(
            grant_type="client_credentials", scope=scope
        )
        return str(response["access_token"])

    async def rotate_keys(self) -> str:
        """Start a key rotation; the new kid (it signs after `oidc_key_activation_delay_s`).
        Rotate on a provider of your own (`identity_provider`), not the session's."""
        return await keys.rotate_signing_key(identity_of(self.handle.runtime), make_rsa_key)

    def validator(self, **options: Any) -> TokenValidator:
        """The shared validator every service uses, trusting this provider."""
        return TokenValidator(issuers=[self.issuer], audience=self.audience, **options)

    def forge_token(self, claims: dict[str, Any] | None = None) -> str:
        """Claims this provider would issue (overridable), signed with a foreign key."""
        now = int(time.time())
        base = {"iss": self.issuer, "aud": [self.audience], "sub": str(uuid.uuid4()),
                "iat": now, "exp": now + 300, "azp": CLI}  # fmt: skip
        return forge_token({**base, **(claims or {})})

    async def aclose(self) -> None:
        for client in self._clients:
            await client.connection.aclose()
        self._clients.clear()


@contextlib.asynccontextmanager
async def identity_provider(
    *, database_url: str, nats_url: str, with_consumers: bool = False, **settings: Any
) -> AsyncIterator[OidcProvider]:
    """An identity service of one's own (e.g. to rotate keys or test limits without
    disturbing the session's): a database migrated with `SPEC.migrations`, NATS, settings.
    `with_consumers`: also take in roster's events (schools, people) from NATS."""
    port = free_port()
    public_url = f"http://127.0.0.1:{port}"
    defaults: dict[str, Any] = {
        "public_url": public_url,
        "oidc_realm": "tabel",
        "oidc_issuers": f"{public_url}/realms/tabel",
        # Every test shares 127.0.0.1; the limit itself is tested on its own service.
        "login_rate_limit_per_minute": 1_000_000,
        # Still argon2id, at a cost a 2-core CI box runs in milliseconds, not 0.3 s.
        "argon2_time_cost": 1,
        "argon2_memory_kib": 1024,
        "argon2_parallelism": 1,
    }
    async with serve_in_process(
        SPEC if with_consumers else PROVIDER_ONLY,
        database_url=database_url,
        nats_url=nats_url,
        http_port=port,
        **{**defaults, **settings},
    ) as handle:
        provider = OidcProvider(handle)
        try:
            yield provider
        finally:
            await provider.aclose()


@pytest_asyncio.fixture(scope="session", loop_scope="session")
async def oidc_provider(
    tabel_database_templates: DatabaseTemplates, nats_server: Any
) -> AsyncIterator[OidcProvider]:
    """One identity service for the session: own database, real HTTP port, real tokens."""
    databases = DatabaseFactory(tabel_database_templates)
    try:
        database_url = await databases(migrations=SPEC.migrations)
        async with identity_provider(database_url=database_url, nats_url=nats_server.url) as p:
            yield p
    finally:
        databases.cleanup()

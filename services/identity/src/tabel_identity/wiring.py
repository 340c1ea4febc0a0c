"""Identity's objects on a runtime, built once per process: the use cases' dependencies, the
OIDC provider and the login rate limit. Entrypoints reach them through the request's runtime."""

from __future__ import annotations

from datetime import timedelta
from typing import cast

from fastapi import Request
from keycloak import KeycloakAdmin

from tabel_identity.adapters.embedded_directory import EmbeddedDirectory
from tabel_identity.adapters.keycloak_directory import KeycloakDirectory
from tabel_identity.adapters.passwords import Argon2Hasher
from tabel_identity.adapters.rate_limit import SlidingWindowLimiter
from tabel_identity.adapters.signing import KeyRing
from tabel_identity.adapters.uow import SqlIdentityUnitOfWork
from tabel_identity.entrypoints.oidc.server import Provider
from tabel_identity.service_layer.directory import UserDirectory
from tabel_identity.service_layer.ports import Identity
from tabel_identity.settings import IdentitySettings
from tabel_platform.runtime import Runtime


def settings_of(runtime: Runtime) -> IdentitySettings:
    settings = runtime.settings
    if not isinstance(settings, IdentitySettings):  # a plain ServiceSettings: use defaults
        settings = IdentitySettings(**settings.model_dump())
        runtime.settings = settings
    return settings


def identity_of(runtime: Runtime) -> Identity:
    if "identity" not in runtime.extras:
        settings = settings_of(runtime)
        realm = settings.oidc_realm
        runtime.extras["identity"] = Identity(
            uow=lambda: SqlIdentityUnitOfWork(runtime, realm),
            hasher=Argon2Hasher(
                time_cost=settings.argon2_time_cost,
                memory_kib=settings.argon2_memory_kib,
                parallelism=settings.argon2_parallelism,
            ),
            access_token_ttl=timedelta(seconds=settings.oidc_access_token_ttl_s),
            refresh_token_ttl=timedelta(seconds=settings.oidc_refresh_token_ttl_s),
            session_max=timedelta(seconds=settings.oidc_session_max_s),
            code_ttl=timedelta(seconds=settings.oidc_code_ttl_s),
            key_max_age=timedelta(days=settings.oidc_key_rotation_days),
            key_activation_delay=timedelta(seconds=settings.oidc_key_activation_delay_s),
        )
    return cast(Identity, runtime.extras["identity"])


def provider_of(runtime: Runtime) -> Provider:
    if "oidc_provider" not in runtime.extras:
        settings = settings_of(runtime)
        runtime.extras["oidc_provider"] = Provider(
            identity=identity_of(runtime),
            issuer=settings.issuer,
            audience=settings.oidc_audience,
            ring=KeyRing(),
        )
    return cast(Provider, runtime.extras["oidc_provider"])


def limiter_of(runtime: Runtime) -> SlidingWindowLimiter:
    if "login_limiter" not in runtime.extras:
        limit = settings_of(runtime).login_rate_limit_per_minute
        runtime.extras["login_limiter"] = SlidingWindowLimiter(limit, window_s=60.0)
    return cast(SlidingWindowLimiter, runtime.extras["login_limiter"])


def directory_of(runtime: Runtime) -> UserDirectory:
    if "user_directory" not in runtime.extras:
        settings = settings_of(runtime)
        directory: UserDirectory
        if settings.user_directory == "keycloak":
            admin = KeycloakAdmin(
                server_url=settings.keycloak_url, username=settings.keycloak_admin_user,
                password=settings.keycloak_admin_password, realm_name=settings.oidc_realm,
                user_realm_name=settings.keycloak_admin_realm, timeout=20,
            )  # fmt: skip
            directory = KeycloakDirectory(admin, settings.oidc_realm)
        else:
            directory = EmbeddedDirectory(identity_of(runtime), settings.oidc_realm)
        runtime.extras["user_directory"] = directory
    return cast(UserDirectory, runtime.extras["user_directory"])


def runtime_of(request: Request) -> Runtime:
    return cast(Runtime, request.app.state.runtime)

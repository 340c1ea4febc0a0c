"""Wires identity: routers, gRPC servicers, consumers and demo seed into a ServiceSpec."""

from __future__ import annotations

import tabel_identity.i18n  # noqa: F401  (registers messages)
from tabel_identity import demo
from tabel_identity.entrypoints import (
    consumers,
    grpc_authorization,
    http_accounts,
    http_activation,
    http_audit,
    http_clients,
    http_grants,
    http_invitations,
    http_login_letters,
    http_schools,
)
from tabel_identity.entrypoints.oidc import login, routes
from tabel_identity.realm_setup import prepare_realm
from tabel_identity.settings import IdentitySettings
from tabel_platform.service import ServiceSpec

SPEC = ServiceSpec(
    name="identity",
    title="Tabel identity",
    description="Учётные записи, роли и права, коды активации и приглашения, вход (OIDC).",
    migrations="tabel_identity:migrations",
    routers=lambda rt: [
        http_schools.router,
        routes.router,
        login.router,
        http_accounts.router,
        http_grants.router,
        http_activation.router,
        http_invitations.router,
        http_login_letters.router,
        http_audit.router,
        http_clients.router,
    ],
    grpc_services=lambda rt: [grpc_authorization.registration(rt)],
    consumers=lambda rt: [consumers.roster_consumer(rt)],
    on_start=prepare_realm,
    seed_demo=demo.seed_demo,
    settings_type=IdentitySettings,
)

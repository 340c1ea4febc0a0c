"""What the realm must have when identity starts: an active signing key and the standard
clients, from settings (secrets from OIDC_CLIENT_SECRET_<SERVICE>)."""

from __future__ import annotations

from tabel_identity.adapters.signing import make_rsa_key
from tabel_identity.domain.accounts import SERVICE
from tabel_identity.domain.clients import (
    AUTHORIZATION_CODE,
    CLIENT_CREDENTIALS,
    PASSWORD,
    REFRESH_TOKEN,
    OAuthClient,
)
from tabel_identity.service_layer.keys import ensure_signing_key
from tabel_identity.service_layer.realm import ClientSpec, ensure_clients
from tabel_identity.settings import (
    SERVICE_CLIENTS,
    IdentitySettings,
    dev_service_secret,
    split_list,
)
from tabel_identity.wiring import identity_of, provider_of, settings_of
from tabel_platform.logging import get_logger
from tabel_platform.runtime import Runtime

log = get_logger(__name__)
PORTAL = "tabel-portal"
CLI = "tabel-cli"


def standard_clients(settings: IdentitySettings) -> list[ClientSpec]:
    portal = OAuthClient(
        client_id=PORTAL,
        secret_hash=None,
        grant_types=frozenset({AUTHORIZATION_CODE, REFRESH_TOKEN}),
        redirect_uris=split_list(settings.oidc_portal_redirect_uris),
        post_logout_redirect_uris=split_list(settings.oidc_portal_post_logout_redirect_uris),
    )
    # Public, with direct access grants: for tests, scripts and the command line.
    cli = OAuthClient(
        client_id=CLI, secret_hash=None, grant_types=frozenset({PASSWORD, REFRESH_TOKEN})
    )
    specs = [ClientSpec(portal, None), ClientSpec(cli, None)]
    for service in SERVICE_CLIENTS:
        client = OAuthClient(
            client_id=f"svc-{service}",
            secret_hash=None,
            grant_types=frozenset({CLIENT_CREDENTIALS}),
            roles=frozenset({SERVICE}),
        )
        specs.append(ClientSpec(client, settings.service_secret(service)))
    return specs


async def prepare_realm(runtime: Runtime) -> None:
    """ServiceSpec.on_start: key, clients, and the provider built before the first request."""
    settings = settings_of(runtime)
    identity = identity_of(runtime)
    kid = await ensure_signing_key(identity, make_rsa_key)
    await ensure_clients(identity, standard_clients(settings))
    provider_of(runtime)
    dev = [s for s in SERVICE_CLIENTS if settings.service_secret(s) == dev_service_secret(s)]
    if dev:
        log.warning("identity.dev_client_secrets", clients=[f"svc-{s}" for s in dev])
    log.info("identity.realm_ready", issuer=settings.issuer, kid=kid)

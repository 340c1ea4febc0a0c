"""Identity's settings: the realm it serves as the embedded OIDC provider, and its clients."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from tabel_platform.settings import ServiceSettings

_PORTAL_HOSTS = ("127.0.0.1", "localhost", "school1.localhost", "gym2.localhost")
# Services that get a confidential client (`svc-<name>`) for client-credentials tokens.
SERVICE_CLIENTS = ("roster", "schedule", "journal", "reporting", "identity")


def dev_service_secret(service: str) -> str:
    """The documented development secret of `svc-<service>`; deployments set
    OIDC_CLIENT_SECRET_<SERVICE> instead."""
    return f"tabel-dev-secret-{service}"


class IdentitySettings(ServiceSettings):
    http_port: int = 8001  # the embedded issuer's port (tabel_platform.settings.EMBEDDED_ISSUER)
    oidc_realm: str = "tabel"
    # Where people and services reach identity; the issuer is `{public_url}/realms/{realm}`.
    public_url: str = "http://127.0.0.1:8001"
    oidc_access_token_ttl_s: int = Field(default=300, gt=0)
    # A refresh token lives this long unused (Keycloak's "SSO session idle"), and a login
    # session at most `oidc_session_max_s` ("SSO session max").
    oidc_refresh_token_ttl_s: int = Field(default=1800, gt=0)
    oidc_session_max_s: int = Field(default=36000, gt=0)
    oidc_code_ttl_s: int = Field(default=60, gt=0)
    # On start, the active signing key is replaced once it is older than this.
    oidc_key_rotation_days: int = Field(default=30, gt=0)
    # A new key is published this long before it signs, so validators know it in time.
    oidc_key_activation_delay_s: float = Field(default=30.0, ge=0)
    # Comma-separated exact URIs; a trailing `*` matches any rest (as in Keycloak). The
    # defaults: the portal on port 8000, also under the demo schools' own domains.
    oidc_portal_redirect_uris: str = ",".join(
        f"http://{host}:8000/auth/callback" for host in _PORTAL_HOSTS
    )
    oidc_portal_post_logout_redirect_uris: str = ",".join(
        f"http://{host}:8000/" for host in _PORTAL_HOSTS
    )
    oidc_client_secret_roster: str = dev_service_secret("roster")
    oidc_client_secret_schedule: str = dev_service_secret("schedule")
    oidc_client_secret_journal: str = dev_service_secret("journal")
    oidc_client_secret_reporting: str = dev_service_secret("reporting")
    oidc_client_secret_identity: str = dev_service_secret("identity")
    # Password logins and token requests per source IP and minute (login page and token).
    login_rate_limit_per_minute: int = Field(default=120, gt=0)
    # argon2id cost (argon2-cffi's defaults, RFC 9106 low-memory). Every hash records its own
    # parameters, so raising them later still verifies old hashes. Tests lower them.
    argon2_time_cost: int = Field(default=3, ge=1)
    argon2_memory_kib: int = Field(default=65536, ge=8)
    argon2_parallelism: int = Field(default=4, ge=1)
    # Where people's logins live: "embedded" (identity's own accounts) or "keycloak" (users
    # made through Keycloak's admin API; identity keeps the link, grants and audit).
    user_directory: Literal["embedded", "keycloak"] = "embedded"
    keycloak_url: str = ""
    keycloak_admin_user: str = ""
    keycloak_admin_password: str = ""
    keycloak_admin_realm: str = "master"

    @property
    def issuer(self) -> str:
        return f"{self.public_url.rstrip('/')}/realms/{self.oidc_realm}"

    def service_secret(self, service: str) -> str:
        return str(getattr(self, f"oidc_client_secret_{service}"))


def split_list(value: str) -> tuple[str, ...]:
    return tuple(v.strip() for v in value.split(",") if v.strip())


def realm_of(settings: ServiceSettings) -> str:
    """The realm identity serves (a plain ServiceSettings in some tests: the default)."""
    return str(getattr(settings, "oidc_realm", IdentitySettings.model_fields["oidc_realm"].default))

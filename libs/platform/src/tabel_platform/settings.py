"""Service settings read from the environment, with defaults for the embedded platform."""

from __future__ import annotations

from pydantic import Field, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

EMBEDDED_ISSUER = "http://127.0.0.1:8001/realms/tabel"


class ServiceSettings(BaseSettings):
    """What every service reads at start; a service subclasses it to add its own fields."""

    model_config = SettingsConfigDict(env_file=None, extra="ignore")

    service_name: str = "service"
    database_url: str = "postgresql+asyncpg://postgres@127.0.0.1:15432/postgres"
    database_pool_size: int = 20
    nats_url: str = "nats://127.0.0.1:14222"
    http_host: str = "127.0.0.1"
    http_port: int = 8000
    grpc_host: str = "127.0.0.1"
    grpc_port: int = 50050
    # Comma-separated issuers whose access tokens are accepted (embedded provider, Keycloak realm).
    oidc_issuers: str = EMBEDDED_ISSUER
    oidc_audience: str = "tabel-api"
    # Where this service obtains its own token (client credentials) for gRPC calls to others.
    oidc_client_id: str = ""
    oidc_client_secret: str = ""
    # Where roster answers ResolveHost (the school of a request's host); empty: not resolved.
    tabel_roster_grpc_target: str = ""
    grpc_default_deadline_s: float = Field(default=10.0, gt=0)
    log_level: str = "INFO"
    log_json: bool = True

    @field_validator("database_url")
    @classmethod
    def _asyncpg_driver(cls, value: str) -> str:
        return normalize_database_url(value)

    @property
    def issuers(self) -> list[str]:
        return [i.strip().rstrip("/") for i in self.oidc_issuers.split(",") if i.strip()]


def normalize_database_url(url: str) -> str:
    """Accept plain `postgresql://` URLs (as ops write them) and use the asyncpg driver."""
    for prefix in ("postgres://", "postgresql://", "postgresql+psycopg://"):
        if url.startswith(prefix):
            return "postgresql+asyncpg://" + url[len(prefix) :]
    return url

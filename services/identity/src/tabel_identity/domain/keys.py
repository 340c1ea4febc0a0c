"""Signing keys of the realm and their rotation.

A new key is published at once but signs only after `activation_delay`, so every validator
has fetched it (a validator refetches the JWKS on an unknown kid only every few seconds)
before the first token naming it arrives. The key it replaces keeps signing until then and
stays published until every token it signed has expired.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

# Validators cache JWKS and allow clock skew; keep retired keys a little past token expiry.
PUBLISH_GRACE = timedelta(minutes=2)


@dataclass(frozen=True)
class SigningKey:
    kid: str
    private_jwk: dict[str, Any]
    created_at: datetime
    retired_at: datetime | None = None  # may lie ahead: it signs until then

    def is_live(self, now: datetime) -> bool:
        return self.retired_at is None or now < self.retired_at

    def is_published(self, now: datetime, token_ttl: timedelta) -> bool:
        return self.retired_at is None or now < self.retired_at + token_ttl + PUBLISH_GRACE

    def is_due_for_rotation(self, now: datetime, max_age: timedelta) -> bool:
        return now - self.created_at >= max_age


def signing_key(
    keys: list[SigningKey], now: datetime, activation_delay: timedelta
) -> SigningKey | None:
    """The newest live key published long enough; failing that (the realm's very first key),
    the oldest live one."""
    live = sorted((k for k in keys if k.is_live(now)), key=lambda k: k.created_at)
    ready = [k for k in live if k.created_at + activation_delay <= now]
    if ready:
        return ready[-1]
    return live[0] if live else None


def public_jwk(key: SigningKey) -> dict[str, Any]:
    """The parts of an RSA JWK a verifier needs: never the private exponent or primes."""
    jwk = key.private_jwk
    public: dict[str, Any] = {k: jwk[k] for k in ("kty", "n", "e") if k in jwk}
    return {**public, "kid": key.kid, "use": "sig", "alg": "RS256"}

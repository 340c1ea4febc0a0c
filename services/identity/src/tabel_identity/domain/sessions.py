"""Login sessions and the short-lived secrets hung on them.

A session starts when a person logs in (login page or password grant) and ends at logout,
at its maximum age, or when the password changes. Refresh tokens belong to a session and
rotate on every use; a used one presented again ends the session (it was stolen or replayed).
Secrets (codes, refresh tokens, tickets) are stored as SHA-256 hashes only.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime
from uuid import UUID


def new_secret() -> str:
    return secrets.token_urlsafe(32)


def digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


@dataclass(frozen=True)
class LoginSession:
    id: UUID
    account_id: UUID
    client_id: str
    auth_time: datetime
    expires_at: datetime
    ended_at: datetime | None = None

    def is_active(self, now: datetime) -> bool:
        return self.ended_at is None and now < self.expires_at


@dataclass(frozen=True)
class RefreshToken:
    token_hash: str
    session_id: UUID
    account_id: UUID
    client_id: str
    scope: str
    expires_at: datetime
    revoked_at: datetime | None = None


@dataclass(frozen=True)
class AuthorizationCode:
    code_hash: str
    client_id: str
    account_id: UUID
    session_id: UUID
    redirect_uri: str | None
    scope: str
    nonce: str | None
    code_challenge: str | None
    code_challenge_method: str | None
    auth_time: datetime
    expires_at: datetime

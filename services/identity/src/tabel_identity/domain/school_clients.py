"""A school's own OAuth clients: OneRoster 1.2 consumers (an LMS, a library system) that
read the school's roster with client credentials, limited to the school and its scopes."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime
from uuid import UUID

from tabel_identity.domain.clients import (
    CLIENT_CREDENTIALS,
    ONEROSTER_SCOPES,
    ROSTER_CORE_READONLY,
    OAuthClient,
)
from tabel_identity.domain.errors import InvalidClientScope

DEFAULT_SCOPES = frozenset({ROSTER_CORE_READONLY})
CLIENT_PREFIX = "oneroster-"


def new_client_id() -> str:
    return CLIENT_PREFIX + secrets.token_hex(8)


def checked_scopes(requested: frozenset[str]) -> frozenset[str]:
    """The scopes a school may give its client: OneRoster's rostering read scopes only."""
    unknown = sorted(requested - ONEROSTER_SCOPES)
    if unknown:
        raise InvalidClientScope(unknown)
    return requested or DEFAULT_SCOPES


@dataclass(frozen=True)
class SchoolClient:
    client_id: str
    school_id: UUID
    name: str
    scopes: frozenset[str]
    created_at: datetime
    created_by: UUID | None = None
    revoked_at: datetime | None = None

    @property
    def status(self) -> str:
        return "revoked" if self.revoked_at else "active"

    def credential(self, secret_hash: str) -> OAuthClient:
        """The realm's client: client credentials only, no realm roles, this school only."""
        return OAuthClient(
            client_id=self.client_id,
            secret_hash=secret_hash,
            grant_types=frozenset({CLIENT_CREDENTIALS}),
            scopes=self.scopes,
            school_ids=frozenset({self.school_id}),
        )

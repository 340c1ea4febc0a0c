"""Who is calling, as proven by a validated access token.

The token says who the caller is; what they may do is decided by the service that owns
the data, from its projection of role grants (DESIGN.md, "Tenancy and access").
"""

from __future__ import annotations

from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any
from uuid import UUID

from tabel_platform.events.envelope import Actor


@dataclass(frozen=True)
class Principal:
    subject: str
    issuer: str
    client_id: str = ""
    person_id: UUID | None = None
    # Schools the account belongs to (a hint carried in the token; grants decide rights).
    school_ids: frozenset[UUID] = field(default_factory=frozenset)
    roles: frozenset[str] = field(default_factory=frozenset)
    scopes: frozenset[str] = field(default_factory=frozenset)
    claims: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)

    @property
    def is_service(self) -> bool:
        """A service account (client credentials), not a person."""
        return self.person_id is None and "service" in self.roles

    def has_role(self, role: str) -> bool:
        """A platform-level role from the token (region operator, municipal analyst, service).

        School-scoped rights are not in tokens: the owning service checks its grants."""
        return role in self.roles

    def actor(self) -> Actor:
        return Actor(
            kind="service" if self.is_service else "user",
            subject=self.subject,
            person_id=str(self.person_id) if self.person_id else "",
        )


current_principal: ContextVar[Principal | None] = ContextVar("current_principal", default=None)

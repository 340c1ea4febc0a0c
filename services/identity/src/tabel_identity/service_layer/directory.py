"""Where people's logins live, behind one interface: the embedded provider's own accounts
(local runs, tests) or a Keycloak realm (production). Use cases create users through it when
invitations are redeemed and logins are generated; identity keeps an account row either way,
so grants, audit and links to roster's people stay in identity's database.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Protocol
from uuid import UUID

from sqlalchemy.ext.asyncio import AsyncSession


@dataclass(frozen=True)
class DirectoryUser:
    username: str
    password: str
    temporary: bool  # a one-time password: changed at the first login (UPDATE_PASSWORD)
    person_id: UUID | None = None
    school_ids: frozenset[UUID] = field(default_factory=frozenset)
    last_name: str = ""
    first_name: str = ""
    middle_name: str = ""
    email: str = ""

    @property
    def display_name(self) -> str:
        return " ".join(p for p in (self.last_name, self.first_name, self.middle_name) if p)


@dataclass(frozen=True)
class StoredUser:
    subject: UUID
    username: str
    person_id: UUID | None
    school_ids: frozenset[UUID]
    must_change_password: bool
    enabled: bool = True


class UserDirectory(Protocol):
    # The IdP's name in AccountLinked.identity_provider ("tabel", "keycloak").
    name: str

    async def provision_realm(self, export: dict[str, Any]) -> None:
        """Makes the realm of a realm export (deploy/keycloak/realm-tabel.json) exist."""

    async def create_user(self, user: DirectoryUser, *, session: AsyncSession) -> UUID:
        """The new user's subject; identity's account row is written in `session` (the
        caller's transaction). Raises UsernameTaken."""

    async def discard_user(self, subject: UUID) -> None:
        """Undoes `create_user` outside the caller's transaction (it was rolled back)."""

    async def set_password(self, subject: UUID, password: str, *, temporary: bool) -> None: ...

    async def user(self, subject: UUID) -> StoredUser | None: ...

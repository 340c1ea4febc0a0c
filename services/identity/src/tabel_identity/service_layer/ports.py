"""What the use cases need from the outside world, as protocols (SQL adapters in production,
in-memory fakes in unit tests), and the bundle of them a use case is called with."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from types import TracebackType
from typing import Protocol, Self
from uuid import UUID

from tabel_identity.domain.accounts import Account, LockoutPolicy
from tabel_identity.domain.clients import OAuthClient
from tabel_identity.domain.keys import SigningKey
from tabel_identity.domain.passwords import PasswordPolicy
from tabel_identity.domain.sessions import AuthorizationCode, LoginSession, RefreshToken


class Accounts(Protocol):
    async def add(self, account: Account) -> None: ...
    async def get(self, account_id: UUID, *, for_update: bool = False) -> Account | None: ...
    async def by_username(self, username: str, *, for_update: bool = False) -> Account | None: ...
    async def save(self, account: Account) -> None: ...


class Clients(Protocol):
    async def get(self, client_id: str) -> OAuthClient | None: ...
    async def put(self, client: OAuthClient) -> None: ...
    async def remove(self, client_id: str) -> None: ...


class SigningKeys(Protocol):
    async def add(self, key: SigningKey) -> None: ...
    async def all(self) -> list[SigningKey]: ...
    async def retire_all_but(self, kid: str, at: datetime) -> None: ...


class Sessions(Protocol):
    async def add(self, session: LoginSession) -> None: ...
    async def get(self, session_id: UUID) -> LoginSession | None: ...
    async def end(self, session_id: UUID, at: datetime) -> None: ...
    async def end_all_of(self, account_id: UUID, at: datetime) -> None: ...
    async def add_refresh_token(self, token: RefreshToken) -> None: ...
    async def refresh_token(self, token_hash: str) -> RefreshToken | None: ...
    async def revoke_refresh_token(self, token_hash: str, at: datetime) -> bool: ...
    async def add_code(self, code: AuthorizationCode) -> None: ...
    async def take_code(self, code_hash: str, client_id: str) -> AuthorizationCode | None: ...
    async def add_ticket(
        self, ticket_hash: str, account_id: UUID, expires_at: datetime
    ) -> None: ...
    async def take_ticket(self, ticket_hash: str, now: datetime) -> UUID | None: ...


class IdentityUnitOfWork(Protocol):
    """One transaction; leaving the block normally commits it."""

    accounts: Accounts
    clients: Clients
    keys: SigningKeys
    sessions: Sessions

    async def __aenter__(self) -> Self: ...
    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None: ...


class PasswordHasher(Protocol):
    def hash(self, password: str) -> str: ...
    def verify(self, password_hash: str, password: str) -> bool: ...


def utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass
class Identity:
    """Everything identity's use cases are wired to."""

    uow: Callable[[], IdentityUnitOfWork]
    hasher: PasswordHasher
    clock: Callable[[], datetime] = utc_now
    lockout: LockoutPolicy = field(default_factory=LockoutPolicy)
    passwords: PasswordPolicy = field(default_factory=PasswordPolicy)
    access_token_ttl: timedelta = timedelta(minutes=5)
    refresh_token_ttl: timedelta = timedelta(minutes=30)
    session_max: timedelta = timedelta(hours=10)
    code_ttl: timedelta = timedelta(minutes=1)
    ticket_ttl: timedelta = timedelta(minutes=10)
    key_max_age: timedelta = timedelta(days=30)
    key_activation_delay: timedelta = timedelta(seconds=30)

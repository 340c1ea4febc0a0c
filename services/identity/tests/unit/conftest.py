"""In-memory fakes of identity's ports, so use cases run without PostgreSQL."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta
from types import TracebackType
from typing import Self
from uuid import UUID

import pytest

from tabel_identity.domain.accounts import Account
from tabel_identity.service_layer.ports import Identity


class Clock:
    def __init__(self) -> None:
        self.now = datetime(2026, 9, 1, 8, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


class FakeHasher:
    def hash(self, password: str) -> str:
        return f"hashed:{password}"

    def verify(self, password_hash: str, password: str) -> bool:
        return password_hash == f"hashed:{password}"


class FakeAccounts:
    def __init__(self) -> None:
        self.rows: dict[UUID, Account] = {}

    async def add(self, account: Account) -> None:
        self.rows[account.id] = replace(account)

    async def get(self, account_id: UUID, *, for_update: bool = False) -> Account | None:
        found = self.rows.get(account_id)
        return replace(found) if found else None

    async def by_username(self, username: str, *, for_update: bool = False) -> Account | None:
        for account in self.rows.values():
            if account.username.lower() == username.lower():
                return replace(account)
        return None

    async def save(self, account: Account) -> None:
        self.rows[account.id] = replace(account)


class FakeSessions:
    def __init__(self) -> None:
        self.tickets: dict[str, tuple[UUID, datetime]] = {}
        self.ended_for: list[UUID] = []

    async def end_all_of(self, account_id: UUID, at: datetime) -> None:
        self.ended_for.append(account_id)

    async def add_ticket(self, ticket_hash: str, account_id: UUID, expires_at: datetime) -> None:
        self.tickets[ticket_hash] = (account_id, expires_at)

    async def take_ticket(self, ticket_hash: str, now: datetime) -> UUID | None:
        found = self.tickets.pop(ticket_hash, None)
        return found[0] if found and now < found[1] else None


class FakeUnitOfWork:
    """Commits by copying the working state back; an exception discards it, like a rollback."""

    def __init__(self, store: FakeStore) -> None:
        self._store = store

    async def __aenter__(self) -> Self:
        self.accounts = FakeAccounts()
        self.accounts.rows = {k: replace(v) for k, v in self._store.accounts.rows.items()}
        self.sessions = FakeSessions()
        self.sessions.tickets = dict(self._store.sessions.tickets)
        self.sessions.ended_for = self._store.sessions.ended_for
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if exc_type is None:
            self._store.accounts = self.accounts
            self._store.sessions.tickets = self.sessions.tickets


class FakeStore:
    def __init__(self) -> None:
        self.accounts = FakeAccounts()
        self.sessions = FakeSessions()


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def store() -> FakeStore:
    return FakeStore()


@pytest.fixture
def identity(clock: Clock, store: FakeStore) -> Identity:
    return Identity(uow=lambda: FakeUnitOfWork(store), hasher=FakeHasher(), clock=clock)  # type: ignore[arg-type,return-value]

"""Identity's unit of work: the platform's transaction with identity's repositories on it."""

from __future__ import annotations

from types import TracebackType
from typing import Self

from tabel_identity.adapters.accounts_repo import SqlAccounts
from tabel_identity.adapters.clients_repo import SqlClients, SqlSigningKeys
from tabel_identity.adapters.sessions_repo import SqlSessions
from tabel_identity.service_layer.ports import Accounts, Clients, Sessions, SigningKeys
from tabel_platform.db.uow import UnitOfWork
from tabel_platform.runtime import Runtime


class SqlIdentityUnitOfWork:
    accounts: Accounts
    clients: Clients
    keys: SigningKeys
    sessions: Sessions

    def __init__(self, runtime: Runtime, realm: str) -> None:
        # Identity's tables span schools (no row-level security), so no school is set.
        self._uow: UnitOfWork = runtime.uow()
        self._realm = realm

    async def __aenter__(self) -> Self:
        await self._uow.__aenter__()
        session = self._uow.session
        self.accounts = SqlAccounts(session, self._realm)
        self.clients = SqlClients(session, self._realm)
        self.keys = SqlSigningKeys(session, self._realm)
        self.sessions = SqlSessions(session)
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self._uow.__aexit__(exc_type, exc, tb)

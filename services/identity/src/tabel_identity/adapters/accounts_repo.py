"""Accounts in PostgreSQL."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from sqlalchemy import Row, func, insert, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from tabel_identity.adapters.tables import accounts
from tabel_identity.domain.accounts import Account
from tabel_identity.domain.errors import UsernameTaken


class SqlAccounts:
    def __init__(self, session: AsyncSession, realm: str) -> None:
        self._session = session
        self._realm = realm

    async def add(self, account: Account) -> None:
        try:
            async with self._session.begin_nested():
                await self._session.execute(insert(accounts).values(**self._values(account)))
        except IntegrityError as exc:  # a parallel registration took the name
            raise UsernameTaken(account.username) from exc

    async def get(self, account_id: UUID, *, for_update: bool = False) -> Account | None:
        query = select(accounts).where(accounts.c.id == account_id, accounts.c.realm == self._realm)
        return await self._one(query.with_for_update() if for_update else query)

    async def by_username(self, username: str, *, for_update: bool = False) -> Account | None:
        query = select(accounts).where(
            accounts.c.realm == self._realm,
            func.lower(accounts.c.username) == username.lower(),
        )
        return await self._one(query.with_for_update() if for_update else query)

    async def save(self, account: Account) -> None:
        values = self._values(account)
        await self._session.execute(
            update(accounts).where(accounts.c.id == account.id).values(**values)
        )

    async def _one(self, query: Any) -> Account | None:
        row = (await self._session.execute(query)).first()
        return _account(row) if row else None

    def _values(self, account: Account) -> dict[str, Any]:
        return {
            "id": account.id,
            "realm": self._realm,
            "username": account.username,
            "password_hash": account.password_hash,
            "person_id": account.person_id,
            "school_ids": sorted(account.school_ids),
            "roles": sorted(account.roles),
            "must_change_password": account.must_change_password,
            "failed_attempts": account.failed_attempts,
            "first_failed_at": account.first_failed_at,
            "locked_until": account.locked_until,
            "disabled": account.disabled,
            "created_at": account.created_at,
            "password_changed_at": account.password_changed_at,
            "display_name": account.display_name,
            "email": account.email,
        }


def _account(row: Row[Any]) -> Account:
    return Account(
        id=row.id,
        username=row.username,
        password_hash=row.password_hash,
        created_at=row.created_at,
        person_id=row.person_id,
        school_ids=frozenset(row.school_ids),
        roles=frozenset(row.roles),
        must_change_password=row.must_change_password,
        failed_attempts=row.failed_attempts,
        first_failed_at=row.first_failed_at,
        locked_until=row.locked_until,
        disabled=row.disabled,
        password_changed_at=row.password_changed_at,
        display_name=row.display_name,
        email=row.email,
    )

"""The embedded provider as the user directory: users are identity's own accounts (argon2id
password hashes), written in the caller's transaction."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime
from typing import Any
from uuid import UUID, uuid4

from sqlalchemy.ext.asyncio import AsyncSession

from tabel_identity.adapters.accounts_repo import SqlAccounts
from tabel_identity.domain.accounts import Account, normalize_username
from tabel_identity.domain.errors import AccountNotFound, InvalidGrant, WeakPassword
from tabel_identity.service_layer.directory import DirectoryUser, StoredUser
from tabel_identity.service_layer.ports import Identity


class EmbeddedDirectory:
    name = "tabel"

    def __init__(self, identity: Identity, realm: str) -> None:
        self._identity = identity
        self._realm = realm

    async def provision_realm(self, export: dict[str, Any]) -> None:
        """The embedded provider serves one realm, made at start from settings: an export
        of another realm cannot be served here."""
        if export.get("realm") != self._realm:
            raise InvalidGrant("realm_mismatch")

    async def create_user(self, user: DirectoryUser, *, session: AsyncSession) -> UUID:
        username = normalize_username(user.username)
        violations = self._identity.passwords.violations(user.password, username=username)
        if violations:
            raise WeakPassword(violations)
        password_hash = await asyncio.to_thread(self._identity.hasher.hash, user.password)
        now = datetime.now(UTC)
        account = Account(
            id=uuid4(), username=username, password_hash=password_hash, created_at=now,
            person_id=user.person_id, school_ids=user.school_ids,
            must_change_password=user.temporary, display_name=user.display_name,
            email=user.email, password_changed_at=now,
        )  # fmt: skip
        await SqlAccounts(session, self._realm).add(account)
        return account.id

    async def discard_user(self, subject: UUID) -> None:
        """Nothing to undo: the account was written in the caller's rolled-back transaction."""

    async def set_password(self, subject: UUID, password: str, *, temporary: bool) -> None:
        identity = self._identity
        async with identity.uow() as uow:
            account = await uow.accounts.get(subject, for_update=True)
            if account is None:
                raise AccountNotFound()
            violations = identity.passwords.violations(password, username=account.username)
            if violations:
                raise WeakPassword(violations)
            new_hash = await asyncio.to_thread(identity.hasher.hash, password)
            account.set_password(new_hash, identity.clock(), temporary=temporary)
            await uow.accounts.save(account)
            await uow.sessions.end_all_of(subject, identity.clock())

    async def user(self, subject: UUID) -> StoredUser | None:
        async with self._identity.uow() as uow:
            account = await uow.accounts.get(subject)
        if account is None:
            return None
        return StoredUser(
            subject=account.id, username=account.username, person_id=account.person_id,
            school_ids=account.school_ids, must_change_password=account.must_change_password,
            enabled=not account.disabled,
        )  # fmt: skip

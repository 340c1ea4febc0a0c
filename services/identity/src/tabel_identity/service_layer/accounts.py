"""Use cases of accounts: register, log in (with lockout), change and reset passwords."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from uuid import UUID, uuid4

from tabel_identity.domain.accounts import PLATFORM_ROLES, Account, normalize_username
from tabel_identity.domain.errors import (
    AccountLocked,
    AccountNotFound,
    IdentityError,
    InvalidCredentials,
    NotAllowed,
    TicketExpired,
    UsernameTaken,
    WeakPassword,
)
from tabel_identity.domain.passwords import temporary_password
from tabel_identity.domain.sessions import digest, new_secret
from tabel_identity.service_layer.directory import UserDirectory
from tabel_identity.service_layer.ports import Identity, IdentityUnitOfWork

# Verified against when the username is unknown, so both cases take the same time.
_dummy_hashes: dict[int, str] = {}


@dataclass(frozen=True)
class RegisterAccount:
    username: str
    password: str
    person_id: UUID | None = None
    school_ids: frozenset[UUID] = field(default_factory=frozenset)
    roles: frozenset[str] = field(default_factory=frozenset)
    must_change_password: bool = False
    account_id: UUID | None = None


@dataclass(frozen=True)
class Admin:
    """Who asks for a reset: the schools where their grants allow managing accounts
    (`identity.account.manage`, an administrator's by default)."""

    account_id: str
    school_ids: frozenset[UUID]


async def register_account(identity: Identity, command: RegisterAccount) -> UUID:
    username = normalize_username(command.username)
    _check_policy(identity, command.password, username)
    password_hash = await asyncio.to_thread(identity.hasher.hash, command.password)
    account = Account(
        id=command.account_id or uuid4(),
        username=username,
        password_hash=password_hash,
        created_at=identity.clock(),
        person_id=command.person_id,
        school_ids=command.school_ids,
        roles=command.roles,
        must_change_password=command.must_change_password,
    )
    async with identity.uow() as uow:
        if await uow.accounts.by_username(username) is not None:
            raise UsernameTaken(username)
        await uow.accounts.add(account)
    return account.id


async def authenticate(identity: Identity, *, username: str, password: str) -> Account:
    """The account if the password is right; counts wrong ones and locks after too many.

    The caller decides what `must_change_password` means for its flow."""
    now = identity.clock()
    failure: IdentityError | None = None
    async with identity.uow() as uow:
        account = await uow.accounts.by_username(username.strip(), for_update=True)
        if account is None:
            await asyncio.to_thread(identity.hasher.verify, _dummy_hash(identity), password)
            raise InvalidCredentials()
        account.ensure_can_log_in(now)
        assert account.password_hash is not None
        if await asyncio.to_thread(identity.hasher.verify, account.password_hash, password):
            account.record_login()
        else:
            account.record_failed_password(now, identity.lockout)
            locked = account.locked_until
            failure = AccountLocked(locked) if locked else InvalidCredentials()
        await uow.accounts.save(account)  # the failure is counted even though we refuse
    if failure:
        raise failure
    return account


async def change_password(
    identity: Identity, *, username: str, current_password: str, new_password: str
) -> UUID:
    """A person changes their own password (also the way out of a forced change); the
    account's id."""
    account = await authenticate(identity, username=username, password=current_password)
    async with identity.uow() as uow:
        await _set_password(identity, uow, account.id, new_password, temporary=False)
    return account.id


async def issue_password_change_ticket(identity: Identity, account_id: UUID) -> str:
    """After a correct temporary password: lets the login page ask for a new one."""
    ticket = new_secret()
    async with identity.uow() as uow:
        expires_at = identity.clock() + identity.ticket_ttl
        await uow.sessions.add_ticket(digest(ticket), account_id, expires_at)
    return ticket


async def complete_password_change(
    identity: Identity, *, ticket: str, new_password: str
) -> Account:
    async with identity.uow() as uow:
        # A weak new password raises and rolls back, so the ticket can be used again.
        account_id = await uow.sessions.take_ticket(digest(ticket), identity.clock())
        if account_id is None:
            raise TicketExpired()
        return await _set_password(identity, uow, account_id, new_password, temporary=False)


async def reset_password(
    identity: Identity,
    *,
    admin: Admin,
    account_id: UUID,
    new_password: str | None = None,
    directory: UserDirectory | None = None,
) -> str:
    """A school administrator sets a temporary password; it must be changed at next login.
    An account without a local password lives in an outside directory (Keycloak): the
    password is set there (UPDATE_PASSWORD)."""
    if not admin.school_ids:
        raise NotAllowed()
    async with identity.uow() as uow:
        target = await uow.accounts.get(account_id)
        if target is None:
            raise AccountNotFound()
        # Only people of the admin's own schools, never holders of region-wide roles.
        if not target.shares_school_with(admin.school_ids) or target.roles & PLATFORM_ROLES:
            raise NotAllowed()
        password = new_password or temporary_password(identity.passwords, target.username)
        if target.password_hash is None and directory is not None:
            _check_policy(identity, password, target.username)
            await directory.set_password(account_id, password, temporary=True)
        else:
            await _set_password(identity, uow, account_id, password, temporary=True)
    return password


async def _set_password(
    identity: Identity,
    uow: IdentityUnitOfWork,
    account_id: UUID,
    password: str,
    *,
    temporary: bool,
) -> Account:
    account = await uow.accounts.get(account_id, for_update=True)
    if account is None:
        raise AccountNotFound()
    _check_policy(identity, password, account.username)
    old = account.password_hash
    same: bool = old is not None and await asyncio.to_thread(identity.hasher.verify, old, password)
    if same:
        raise WeakPassword(["same_as_current"])
    now = identity.clock()
    new_hash = await asyncio.to_thread(identity.hasher.hash, password)
    account.set_password(new_hash, now, temporary=temporary)
    await uow.accounts.save(account)
    await uow.sessions.end_all_of(account_id, now)  # a new password logs out everywhere
    return account


def _check_policy(identity: Identity, password: str, username: str) -> None:
    violations = identity.passwords.violations(password, username=username)
    if violations:
        raise WeakPassword(violations)


def _dummy_hash(identity: Identity) -> str:
    key = id(identity.hasher)
    if key not in _dummy_hashes:
        _dummy_hashes[key] = identity.hasher.hash(new_secret())
    return _dummy_hashes[key]

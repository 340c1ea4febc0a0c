"""Use case: record a login or a failed login in the audit log of each school the account
belongs to (an unknown username: one entry tied to no school). A successful login also emits
`LoginSucceeded` in the same transaction (reporting counts logins, seed 004 3.2.1)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Literal
from uuid import UUID

from tabel.identity.v1 import events_pb2
from tabel_identity.adapters import audit_repo
from tabel_identity.adapters.accounts_repo import SqlAccounts
from tabel_identity.adapters.audit_repo import AuditEntry, Source
from tabel_identity.domain.accounts import Account
from tabel_identity.settings import realm_of
from tabel_platform.db.uow import UnitOfWork
from tabel_platform.events.envelope import Actor
from tabel_platform.runtime import Runtime

# How the person logged in: the login page (authorization code flow) or the password grant.
LoginMethod = Literal["code", "password"]


async def record_login(
    *, runtime: Runtime, username: str, ok: bool, reason: str, source: Source,
    method: LoginMethod = "password", client_id: str = "",
) -> None:  # fmt: skip
    now = datetime.now(UTC)
    async with runtime.uow(all_schools=True) as uow:
        account = await SqlAccounts(uow.session, realm_of(runtime.settings)).by_username(
            username.strip()
        )
        schools: list[UUID | None] = list(sorted(account.school_ids)) if account else []
        for school_id in schools or [None]:
            await audit_repo.record(uow.session, AuditEntry(
                kind="login" if ok else "login_failed", outcome="ok" if ok else "refused",
                at=now, school_id=school_id, actor_account_id=account.id if account else None,
                username=username, source=source, details={"reason": reason},
            ))  # fmt: skip
        if ok and account is not None:
            _emit_login(uow, account, client_id=client_id, method=method)


def _emit_login(uow: UnitOfWork, account: Account, *, client_id: str, method: str) -> None:
    person = str(account.person_id) if account.person_id else ""
    uow.actor = Actor(kind="user", subject=str(account.id), person_id=person)
    schools = sorted(account.school_ids)
    uow.emit(
        events_pb2.LoginSucceeded(
            account_id=str(account.id), subject=str(account.id), person_id=person,
            school_ids=[str(s) for s in schools], client_id=client_id, method=method,
        ),
        school_id=schools[0] if len(schools) == 1 else None,
    )  # fmt: skip


async def record_account_event(
    *, runtime: Runtime, kind: str, account_id: UUID, actor_account_id: UUID | None,
    source: Source, details: dict[str, str] | None = None,
) -> None:  # fmt: skip
    """An entry about an account (a password changed or reset) in each of its schools."""
    now = datetime.now(UTC)
    async with runtime.uow(all_schools=True) as uow:
        account = await SqlAccounts(uow.session, realm_of(runtime.settings)).get(account_id)
        schools: list[UUID | None] = list(sorted(account.school_ids)) if account else []
        for school_id in schools or [None]:
            await audit_repo.record(uow.session, AuditEntry(
                kind=kind, outcome="ok", at=now, school_id=school_id,
                actor_account_id=actor_account_id, username=account.username if account else "",
                source=source, details={"account_id": str(account_id), **(details or {})},
            ))  # fmt: skip

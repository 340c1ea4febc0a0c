"""Use case: record a login or a failed login in the audit log of each school the account
belongs to (an unknown username: one entry tied to no school)."""

from __future__ import annotations

from datetime import UTC, datetime
from uuid import UUID

from tabel_identity.adapters import audit_repo
from tabel_identity.adapters.accounts_repo import SqlAccounts
from tabel_identity.adapters.audit_repo import AuditEntry, Source
from tabel_identity.settings import realm_of
from tabel_platform.runtime import Runtime


async def record_login(
    *, runtime: Runtime, username: str, ok: bool, reason: str, source: Source
) -> None:
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

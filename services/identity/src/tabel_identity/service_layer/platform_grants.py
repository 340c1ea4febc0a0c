"""Use case: a platform role (region operator, municipal analyst) for an account: given by
the deployment (demo seed, operations), never by a school."""

from __future__ import annotations

from datetime import UTC, datetime
from uuid import UUID, uuid4

from tabel.identity.v1 import events_pb2
from tabel_identity.adapters import grants_repo
from tabel_identity.adapters.accounts_repo import SqlAccounts
from tabel_identity.adapters.messages import grant_message
from tabel_identity.domain.errors import AccountNotFound, GrantExists, InvalidGrant
from tabel_identity.domain.grants import Grant, Scope, ScopeKind
from tabel_identity.domain.permissions import PLATFORM_ROLES, Role
from tabel_identity.settings import realm_of
from tabel_platform.runtime import Runtime


async def grant_platform_role(
    *, runtime: Runtime, account_id: UUID, role: Role, scope: Scope | None = None
) -> Grant | None:
    """Adds the grant (and the role to the account's token roles); None if it exists."""
    if role not in PLATFORM_ROLES:
        raise InvalidGrant("scope_not_for_role")
    if role is Role.MUNICIPAL_ANALYST and (scope is None or scope.kind != ScopeKind.MUNICIPALITY):
        raise InvalidGrant("scope_not_for_role")  # an analyst sees one municipality
    async with runtime.uow(all_schools=True) as uow:
        accounts = SqlAccounts(uow.session, realm_of(runtime.settings))
        account = await accounts.get(account_id, for_update=True)
        if account is None:
            raise AccountNotFound()
        grant = Grant(
            id=uuid4(), account_id=account_id, subject=str(account_id), role=role,
            school_id=None, scope=scope, granted_at=datetime.now(UTC),
        )  # fmt: skip
        try:
            await grants_repo.add(uow.session, grant)
        except GrantExists:
            return None
        account.roles = account.roles | {role.value}
        await accounts.save(account)
        uow.emit(events_pb2.GrantAdded(grant=grant_message(grant)))
    return grant

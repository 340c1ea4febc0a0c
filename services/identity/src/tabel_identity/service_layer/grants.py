"""Use cases: a school administrator grants and revokes roles (each change is an event and
an audit entry)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from uuid import UUID, uuid4

from tabel.identity.v1 import events_pb2
from tabel_identity.adapters import audit_repo, grants_repo
from tabel_identity.adapters.accounts_repo import SqlAccounts
from tabel_identity.adapters.audit_repo import AuditEntry, Source
from tabel_identity.adapters.messages import grant_message
from tabel_identity.domain.errors import AccountNotFound, GrantNotFound, InvalidGrant
from tabel_identity.domain.grants import Grant, Scope, ScopeKind
from tabel_identity.domain.permissions import PLATFORM_ROLES, Role
from tabel_identity.service_layer.authorization import Actor, require
from tabel_identity.settings import realm_of
from tabel_platform.db.uow import UnitOfWork
from tabel_platform.events.envelope import Actor as EventActor
from tabel_platform.runtime import Runtime

# Which scopes a school role's grant may be narrowed to (None: the whole school).
_ALLOWED_SCOPES: dict[Role, frozenset[ScopeKind]] = {
    Role.TEACHER: frozenset({ScopeKind.CLASS, ScopeKind.STUDY_GROUP, ScopeKind.SUBJECT}),
    Role.CLASS_TEACHER: frozenset({ScopeKind.CLASS}),
    Role.STUDENT: frozenset(),
    Role.GUARDIAN: frozenset({ScopeKind.PERSON}),
    Role.TUTOR: frozenset({ScopeKind.CLASS, ScopeKind.STUDY_GROUP, ScopeKind.PERSON}),
}


@dataclass(frozen=True)
class GrantRole:
    school_id: UUID
    account_id: UUID
    role: Role
    scope: Scope | None = None
    person_id: UUID | None = None
    expires_at: datetime | None = None


def validate_scope(role: Role, scope: Scope | None) -> None:
    if role in PLATFORM_ROLES:
        raise InvalidGrant("platform_role")
    if scope is None or scope.kind is ScopeKind.SCHOOL:
        if role is Role.CLASS_TEACHER:
            raise InvalidGrant("class_teacher_needs_class")
        return
    if scope.id is None or scope.kind not in _ALLOWED_SCOPES.get(role, frozenset()):
        raise InvalidGrant("scope_not_for_role")


def event_actor(actor: Actor) -> EventActor:
    return EventActor(kind="user", subject=actor.subject, person_id="")


async def add_grant_in(uow: UnitOfWork, *, realm: str, command: GrantRole, by: Actor) -> Grant:
    """Adds the grant in an open unit of work (no rights check: callers decide)."""
    validate_scope(command.role, command.scope)
    accounts = SqlAccounts(uow.session, realm)
    account = await accounts.get(command.account_id, for_update=True)
    if account is None:
        raise AccountNotFound()
    now = datetime.now(UTC)
    scope = None if command.scope and command.scope.kind is ScopeKind.SCHOOL else command.scope
    grant = Grant(
        id=uuid4(), account_id=account.id, subject=str(account.id), role=command.role,
        school_id=command.school_id, person_id=command.person_id or account.person_id,
        scope=scope, granted_at=now, granted_by=by.account_id, expires_at=command.expires_at,
    )  # fmt: skip
    await grants_repo.add(uow.session, grant)
    if command.school_id not in account.school_ids:
        account.school_ids = account.school_ids | {command.school_id}
        await accounts.save(account)
    uow.emit(events_pb2.GrantAdded(grant=grant_message(grant)), school_id=command.school_id)
    await _audit(uow, "grant_added", grant, by, now)
    return grant


async def add_grant(*, runtime: Runtime, command: GrantRole, by: Actor) -> Grant:
    async with runtime.uow(school_id=command.school_id, actor=event_actor(by)) as uow:
        await require(uow.session, by, "identity.grant.manage", command.school_id)
        return await add_grant_in(uow, realm=realm_of(runtime.settings), command=command, by=by)


async def revoke_grant(
    *, runtime: Runtime, school_id: UUID, grant_id: UUID, reason: str, by: Actor
) -> Grant:
    async with runtime.uow(school_id=school_id, actor=event_actor(by)) as uow:
        await require(uow.session, by, "identity.grant.manage", school_id)
        grant = await grants_repo.get(uow.session, grant_id)
        if grant is None or grant.school_id != school_id:
            raise GrantNotFound()
        if grant.role is Role.ADMINISTRATOR:
            admins = await grants_repo.search(
                uow.session, school_id=school_id, role=Role.ADMINISTRATOR, limit=2
            )
            if len(admins) < 2:
                raise InvalidGrant("last_administrator")
        now = datetime.now(UTC)
        await grants_repo.revoke(uow.session, grant_id, now)
        uow.emit(events_pb2.GrantRevoked(grant=grant_message(grant), reason=reason))
        await _audit(uow, "grant_revoked", grant, by, now, reason=reason)
        return grant


async def _audit(
    uow: UnitOfWork, kind: str, grant: Grant, by: Actor, now: datetime, **extra: str
) -> None:
    details = {
        "grant_id": str(grant.id), "account_id": str(grant.account_id),
        "role": grant.role.value,
        "scope": f"{grant.scope.kind.value}:{grant.scope.id}" if grant.scope else "school",
        **extra,
    }  # fmt: skip
    await audit_repo.record(uow.session, AuditEntry(
        kind=kind, outcome="ok", at=now, school_id=grant.school_id,
        actor_account_id=by.account_id, source=Source(by.ip, by.user_agent), details=details,
    ))  # fmt: skip

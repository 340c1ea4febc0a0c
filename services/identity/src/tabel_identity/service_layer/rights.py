"""Use cases: a school administrator widens or narrows a role's rights in their school, or a
single person's (seed 003, III.4-5). Each change is an event and an audit entry."""

from __future__ import annotations

from datetime import UTC, datetime
from uuid import UUID

from tabel.identity.v1 import events_pb2
from tabel_identity.adapters import audit_repo, grants_repo
from tabel_identity.adapters.audit_repo import AuditEntry, Source
from tabel_identity.adapters.messages import role_message
from tabel_identity.domain.errors import AccountNotFound, InvalidGrant, UnknownPermission
from tabel_identity.domain.grants import Overrides
from tabel_identity.domain.permissions import (
    DEFAULTS,
    PLATFORM,
    PLATFORM_ROLES,
    PROTECTED,
    Role,
    effective,
    is_known,
)
from tabel_identity.service_layer.authorization import Actor, require
from tabel_identity.service_layer.grants import event_actor
from tabel_platform.runtime import Runtime


def _validate(permissions: frozenset[str]) -> None:
    unknown = sorted(p for p in permissions if not is_known(p))
    if unknown:
        raise UnknownPermission(unknown)
    if permissions & PLATFORM:
        raise InvalidGrant("platform_permission")


def merge(
    current: Overrides, add: frozenset[str], remove: frozenset[str], defaults: frozenset[str]
) -> Overrides:
    """The new deviation from `defaults` after adding and removing permissions."""
    if add & remove:
        raise InvalidGrant("added_and_removed")
    added = ((current.added | add) - remove) - defaults
    removed = ((current.removed | remove) - add) & defaults
    return Overrides(frozenset(added), frozenset(removed))


async def change_role_rights(
    *,
    runtime: Runtime,
    school_id: UUID,
    role: Role,
    add: frozenset[str],
    remove: frozenset[str],
    by: Actor,
) -> frozenset[str]:
    """Returns the role's effective permissions in the school afterwards."""
    _validate(add | remove)
    if role in PLATFORM_ROLES:
        raise InvalidGrant("platform_role")
    if remove & PROTECTED.get(role, frozenset()):
        raise InvalidGrant("protected_permission")
    async with runtime.uow(school_id=school_id, actor=event_actor(by)) as uow:
        await require(uow.session, by, "identity.rights.manage", school_id)
        current = (await grants_repo.role_overrides(uow.session, school_id)).get(role, Overrides())
        new = merge(current, add, remove, DEFAULTS[role])
        await grants_repo.set_role_overrides(uow.session, school_id, role, new)
        result = effective(role, new.added, new.removed)
        uow.emit(events_pb2.RoleRightsChanged(
            school_id=str(school_id), role=role_message(role), added=sorted(new.added),
            removed=sorted(new.removed), effective=sorted(result), changed_by=by.subject,
        ))  # fmt: skip
        await _audit(uow.session, "role_rights_changed", school_id, by, role=role.value,
                     add=sorted(add), remove=sorted(remove))  # fmt: skip
    return result


async def change_person_rights(
    *,
    runtime: Runtime,
    school_id: UUID,
    account_id: UUID,
    add: frozenset[str],
    remove: frozenset[str],
    by: Actor,
) -> Overrides:
    """Returns the person's overrides in the school afterwards."""
    _validate(add | remove)
    async with runtime.uow(school_id=school_id, actor=event_actor(by)) as uow:
        await require(uow.session, by, "identity.rights.manage", school_id)
        grants = [g for g in await grants_repo.of_account(uow.session, account_id)
                  if g.school_id == school_id]  # fmt: skip
        if not grants:
            raise AccountNotFound()  # not a person of this school
        if account_id == by.account_id and remove:
            raise InvalidGrant("own_rights")
        current = await grants_repo.person_overrides(uow.session, school_id, account_id)
        new = merge(current, add, remove, frozenset())
        new = Overrides(new.added, frozenset((current.removed | remove) - add))
        await grants_repo.set_person_overrides(uow.session, school_id, account_id, new)
        uow.emit(events_pb2.PersonRightsChanged(
            school_id=str(school_id), account_id=str(account_id), subject=grants[0].subject,
            person_id=str(grants[0].person_id or ""), added=sorted(new.added),
            removed=sorted(new.removed), changed_by=by.subject,
        ))  # fmt: skip
        await _audit(
            uow.session, "person_rights_changed", school_id, by,
            account_id=str(account_id), add=sorted(add), remove=sorted(remove),
        )  # fmt: skip
    return new


async def _audit(session: object, kind: str, school_id: UUID, by: Actor, **details: object) -> None:
    await audit_repo.record(session, AuditEntry(  # type: ignore[arg-type]
        kind=kind, outcome="ok", at=datetime.now(UTC), school_id=school_id,
        actor_account_id=by.account_id, source=Source(by.ip, by.user_agent), details=details,
    ))  # fmt: skip

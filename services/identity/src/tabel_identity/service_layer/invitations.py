"""Use cases: a school administrator invites a person of roster (seed 001, "персональные
пригласительные коды"); the person redeems the code on the school's domain, choosing a
username and password, and gets an account linked to them with the role of the invitation."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from uuid import UUID, uuid4

from tabel_identity.adapters import audit_repo, codes_repo, invitations_repo, schools_projection
from tabel_identity.adapters import people_projection as pp
from tabel_identity.adapters.audit_repo import AuditEntry, Source
from tabel_identity.adapters.tables import invitations
from tabel_identity.domain.accounts import normalize_username
from tabel_identity.domain.codes import code_hash, new_code, normalize
from tabel_identity.domain.errors import CodeRefused, PersonHasAccount, PersonNotKnown, WeakPassword
from tabel_identity.domain.grants import Scope
from tabel_identity.domain.invitations import Invitation, invited_role
from tabel_identity.domain.permissions import Role
from tabel_identity.service_layer.authorization import Actor, require
from tabel_identity.service_layer.code_guard import ensure_may_try, refuse
from tabel_identity.service_layer.directory import UserDirectory
from tabel_identity.service_layer.grants import event_actor, validate_scope
from tabel_identity.service_layer.linking import (
    NewLogin,
    create_linked_account,
    discarded_on_failure,
    username_of_person,
)
from tabel_identity.service_layer.ports import Identity
from tabel_identity.settings import realm_of
from tabel_platform.runtime import Runtime

MANAGE = "identity.account.manage"


@dataclass(frozen=True)
class InvitePerson:
    school_id: UUID
    person_id: UUID
    role: Role | None = None  # None: implied by the person's kind in roster
    scope: Scope | None = None
    valid_for: timedelta = timedelta(days=30)


@dataclass(frozen=True)
class IssuedInvitation:
    invitation: Invitation
    code: str  # shown once; only its hash is kept
    full_name: str


@dataclass(frozen=True)
class Redeemed:
    school_id: UUID
    account_id: UUID
    person_id: UUID
    username: str
    role: Role


async def invite(*, runtime: Runtime, command: InvitePerson, by: Actor) -> IssuedInvitation:
    """A new invitation for the person; their earlier live invitations are revoked."""
    now, code = datetime.now(UTC), new_code()
    async with runtime.uow(school_id=command.school_id, actor=event_actor(by)) as uow:
        await require(uow.session, by, MANAGE, command.school_id)
        person = await pp.person(uow.session, command.school_id, command.person_id)
        if person is None:
            raise PersonNotKnown()
        role = invited_role(person.kinds, command.role)
        validate_scope(role, command.scope)
        if await username_of_person(uow.session, realm_of(runtime.settings), person.person_id):
            raise PersonHasAccount()
        await invitations_repo.revoke_live_of_person(uow.session, person.school_id,
                                                     person.person_id, now)  # fmt: skip
        invitation = Invitation(
            id=uuid4(), school_id=person.school_id, person_id=person.person_id, role=role,
            scope=command.scope, issued_at=now, expires_at=now + command.valid_for,
        )  # fmt: skip
        await codes_repo.add(uow.session, invitations, {
            "id": invitation.id, "school_id": invitation.school_id,
            "person_id": invitation.person_id, "role": role.value,
            "scope_kind": command.scope.kind.value if command.scope else None,
            "scope_id": command.scope.id if command.scope else None,
            "code_hash": code_hash(normalize(code) or ""), "issued_by": by.account_id,
            "issued_at": now, "expires_at": invitation.expires_at,
        })  # fmt: skip
    return IssuedInvitation(invitation, code, person.full_name)


async def revoke(*, runtime: Runtime, school_id: UUID, invitation_id: UUID, by: Actor) -> None:
    async with runtime.uow(school_id=school_id) as uow:
        await require(uow.session, by, MANAGE, school_id)
        now = datetime.now(UTC)
        if not await codes_repo.revoke(uow.session, invitations, invitation_id, school_id, now):
            raise CodeRefused("code_not_live")


async def listed(
    *, runtime: Runtime, school_id: UUID, person_id: UUID | None, limit: int, offset: int,
    by: Actor,
) -> list[Invitation]:  # fmt: skip
    async with runtime.uow(school_id=school_id) as uow:
        await require(uow.session, by, MANAGE, school_id)
        return await invitations_repo.of_school(
            uow.session, school_id, person_id=person_id, limit=limit, offset=offset
        )


async def redeem(
    *, runtime: Runtime, identity: Identity, directory: UserDirectory, host: str,
    typed_code: str, username: str, password: str, source: Source,
) -> Redeemed:  # fmt: skip
    """The account of the invited person of the school served at `host`."""
    now = datetime.now(UTC)
    async with runtime.uow(all_schools=True) as uow:
        school = await schools_projection.by_host(uow.session, host)
    if school is None:
        raise CodeRefused("host_unknown")
    await ensure_may_try(runtime, source=source, school_id=school.school_id, now=now)
    username = normalize_username(username)
    violations = identity.passwords.violations(password, username=username)
    if violations:
        raise WeakPassword(violations)
    normalized = normalize(typed_code)
    hashed = code_hash(normalized) if normalized else ""
    async with runtime.uow(all_schools=True) as uow:
        state = await codes_repo.find(uow.session, invitations, hashed) if hashed else None
    reason = "code_invalid" if state is None else state.refusal(now)
    if state is not None and state.school_id != school.school_id:
        reason = "code_other_school"
    if reason is not None:
        raise await refuse(runtime, kind="invitation_refused", reason=reason, source=source,
                           school_id=school.school_id, now=now, username=username)  # fmt: skip
    realm = realm_of(runtime.settings)
    async with (
        discarded_on_failure(directory) as created,
        runtime.uow(school_id=school.school_id) as uow,
    ):
        taken = await codes_repo.take(uow.session, invitations, hashed, school.school_id, now)
        if taken is None:
            raise CodeRefused("code_used")  # a parallel redemption won; nothing is written
        person = await pp.person(uow.session, school.school_id, taken.person_id)
        invitation = await invitations_repo.get(uow.session, taken.id)
        if person is None or invitation is None:
            raise PersonNotKnown()
        by = Actor(subject=str(taken.issued_by or ""), ip=source.ip, user_agent=source.user_agent)
        account_id = await create_linked_account(
            uow, directory=directory, realm=realm, person=person,
            login=NewLogin(username, password, one_time=False), role=invitation.role,
            scope=invitation.scope, by=by, created=created, invitation_id=invitation.id,
        )  # fmt: skip
        await codes_repo.mark_used_by(uow.session, invitations, taken.id, account_id)
        await audit_repo.record(uow.session, AuditEntry(
            kind="invitation_redeemed", outcome="ok", at=now, school_id=school.school_id,
            actor_account_id=account_id, username=username, source=source,
            details={"invitation_id": str(taken.id), "person_id": str(person.person_id),
                     "role": invitation.role.value},
        ))  # fmt: skip
    return Redeemed(school.school_id, account_id, person.person_id, username, invitation.role)

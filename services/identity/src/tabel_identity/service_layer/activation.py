"""Use cases: a region operator issues and revokes a school's activation code; redeeming it
on the school's domain creates the first administrator and activates the school (seed 001,
"Первый шаг – это активация образовательного учреждения")."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from uuid import UUID, uuid4

from google.protobuf.timestamp_pb2 import Timestamp

from tabel.identity.v1 import events_pb2
from tabel_identity.adapters import audit_repo, codes_repo, schools_projection
from tabel_identity.adapters.accounts_repo import SqlAccounts
from tabel_identity.adapters.audit_repo import AuditEntry, Source
from tabel_identity.adapters.tables import activation_codes
from tabel_identity.domain.accounts import Account, normalize_username
from tabel_identity.domain.codes import code_hash, new_code, normalize
from tabel_identity.domain.errors import CodeRefused, NotAllowed, SchoolNotKnown, WeakPassword
from tabel_identity.domain.permissions import Role
from tabel_identity.service_layer.authorization import Actor, check_in
from tabel_identity.service_layer.code_guard import ensure_may_try, refuse
from tabel_identity.service_layer.grants import GrantRole, add_grant_in, event_actor
from tabel_identity.service_layer.ports import Identity
from tabel_identity.settings import realm_of
from tabel_platform.runtime import Runtime


@dataclass(frozen=True)
class IssuedCode:
    id: UUID
    school_id: UUID
    code: str  # shown once; only its hash is kept
    expires_at: datetime


@dataclass(frozen=True)
class FirstAdministrator:
    username: str
    password: str
    display_name: str
    email: str = ""


async def issue_code(
    *, runtime: Runtime, school_id: UUID, valid_for: timedelta, by: Actor
) -> IssuedCode:
    """A new code for a school awaiting activation; earlier unused codes are revoked."""
    now = datetime.now(UTC)
    code = new_code()
    async with runtime.uow(school_id=school_id, actor=event_actor(by)) as uow:
        decision = await check_in(uow.session, subject=by.subject, school_id=school_id,
                                  permission="identity.activation_code.issue")  # fmt: skip
        if not decision.allowed:
            raise NotAllowed(decision.reason)
        school = await schools_projection.get(uow.session, school_id)
        if school is None:
            raise SchoolNotKnown()
        if school.status == "active":
            raise CodeRefused("school_already_active")
        await codes_repo.revoke_live_of_school(uow.session, school_id, now)
        issued = IssuedCode(uuid4(), school_id, code, now + valid_for)
        await codes_repo.add(uow.session, activation_codes, {
            "id": issued.id, "school_id": school_id, "code_hash": code_hash(normalize(code) or ""),
            "issued_by": by.account_id, "issued_at": now, "expires_at": issued.expires_at,
        })  # fmt: skip
        expires = Timestamp()
        expires.FromDatetime(issued.expires_at)
        uow.emit(events_pb2.ActivationCodeIssued(
            school_id=str(school_id), activation_code_id=str(issued.id), expires_at=expires,
            issued_by=by.subject,
        ))  # fmt: skip
    return issued


async def revoke_code(*, runtime: Runtime, school_id: UUID, code_id: UUID, by: Actor) -> None:
    async with runtime.uow(school_id=school_id) as uow:
        decision = await check_in(uow.session, subject=by.subject, school_id=school_id,
                                  permission="identity.activation_code.issue")  # fmt: skip
        if not decision.allowed:
            raise NotAllowed(decision.reason)
        if not await codes_repo.revoke(
            uow.session, activation_codes, code_id, school_id, datetime.now(UTC)
        ):
            raise CodeRefused("code_not_live")


async def redeem_code(
    *,
    runtime: Runtime,
    identity: Identity,
    host: str,
    typed_code: str,
    admin: FirstAdministrator,
    source: Source,
) -> tuple[UUID, UUID]:
    """(school id, administrator account id) after activating the school served at `host`."""
    now = datetime.now(UTC)
    async with runtime.uow(all_schools=True) as uow:
        school = await schools_projection.by_host(uow.session, host)
    if school is None:
        raise CodeRefused("host_unknown")
    await ensure_may_try(runtime, source=source, school_id=school.school_id, now=now)
    username = normalize_username(admin.username)
    violations = identity.passwords.violations(admin.password, username=username)
    if violations:
        raise WeakPassword(violations)
    normalized = normalize(typed_code)
    hashed = code_hash(normalized) if normalized else ""
    async with runtime.uow(all_schools=True) as uow:
        state = await codes_repo.find(uow.session, activation_codes, hashed) if hashed else None
    reason = "code_invalid" if state is None else state.refusal(now)
    if state is not None and state.school_id != school.school_id:
        reason = "code_other_school"
    if reason is None and school.status == "active":
        reason = "school_already_active"
    if reason is not None:
        raise await refuse(runtime, kind="activation_refused", reason=reason, source=source,
                           school_id=school.school_id, now=now, username=username)  # fmt: skip
    password_hash = await asyncio.to_thread(identity.hasher.hash, admin.password)
    account = Account(
        id=uuid4(), username=username, password_hash=password_hash, created_at=now,
        display_name=admin.display_name.strip(), email=admin.email.strip(),
    )  # fmt: skip
    by = Actor(subject=str(account.id), ip=source.ip, user_agent=source.user_agent)
    async with runtime.uow(school_id=school.school_id, actor=event_actor(by)) as uow:
        taken = await codes_repo.take(uow.session, activation_codes, hashed, school.school_id, now)
        activated = taken is not None and await schools_projection.activate(
            uow.session, school.school_id
        )
        if not activated:
            raise CodeRefused("code_used")  # a parallel redemption won; nothing is written
        accounts = SqlAccounts(uow.session, realm_of(runtime.settings))
        await accounts.add(account)
        await codes_repo.mark_used_by(uow.session, activation_codes, taken.id, account.id)
        command = GrantRole(school_id=school.school_id, account_id=account.id,
                            role=Role.ADMINISTRATOR)  # fmt: skip
        await add_grant_in(uow, realm=realm_of(runtime.settings), command=command, by=by)
        uow.emit(events_pb2.SchoolActivated(
            school_id=str(school.school_id), activation_code_id=str(taken.id),
            administrator_account_id=str(account.id),
        ))  # fmt: skip
        await audit_repo.record(uow.session, AuditEntry(
            kind="activation_redeemed", outcome="ok", at=now, school_id=school.school_id,
            actor_account_id=account.id, username=username, source=source,
            details={"activation_code_id": str(taken.id), "display_name": account.display_name},
        ))  # fmt: skip
    return school.school_id, account.id

"""Use cases: "may this subject do this here?" and the guard of identity's own endpoints."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from uuid import UUID

from sqlalchemy.ext.asyncio import AsyncSession

from tabel_identity.adapters import grants_repo, people_projection, schools_projection
from tabel_identity.domain.errors import NotAllowed
from tabel_identity.domain.grants import Decision, Holder, Scope, ScopeKind, Target, decide
from tabel_identity.domain.permissions import Role, is_known
from tabel_platform.runtime import Runtime


@dataclass(frozen=True)
class Actor:
    """Who acts, from their token: the IdP subject (an account id for the embedded
    provider) and where the request came from."""

    subject: str
    ip: str = ""
    user_agent: str = ""

    @property
    def account_id(self) -> UUID | None:
        try:
            return UUID(self.subject)
        except ValueError:
            return None


async def load_holder(session: AsyncSession, subject: str, school_id: UUID | None) -> Holder:
    grants = tuple(await grants_repo.of_subject(session, subject))
    if school_id is None:
        return Holder(grants=grants)
    in_school = [g for g in grants if g.school_id == school_id]
    account_id = in_school[0].account_id if in_school else None
    children: frozenset[UUID] = frozenset()
    for g in in_school:
        if g.role is Role.GUARDIAN and g.person_id is not None:
            children |= await people_projection.children(session, school_id, g.person_id)
    return Holder(
        grants=grants,
        role_rights=await grants_repo.role_overrides(session, school_id),
        person_rights=(
            await grants_repo.person_overrides(session, school_id, account_id)
            if account_id
            else Holder(grants=()).person_rights
        ),
        children=children,
    )


async def load_target(session: AsyncSession, school_id: UUID | None, scope: Scope | None) -> Target:
    if school_id is None:
        return Target(school_id=None, scope=scope)
    school = await schools_projection.get(session, school_id)
    units: frozenset[UUID] = frozenset()
    if scope is not None and scope.kind is ScopeKind.PERSON and scope.id is not None:
        units = await people_projection.units(session, school_id, scope.id)
    return Target(
        school_id=school_id,
        scope=scope,
        municipality_id=school.municipality_id if school else None,
        school_active=school is not None and school.status == "active",
        units=units,
    )


async def check_in(
    session: AsyncSession,
    *,
    subject: str,
    permission: str,
    school_id: UUID | None,
    scope: Scope | None = None,
    now: datetime | None = None,
) -> Decision:
    if not is_known(permission):
        return Decision(False, "unknown_permission")
    if school_id is None and (scope is None or scope.kind is not ScopeKind.MUNICIPALITY):
        return Decision(False, "school_required")
    holder = await load_holder(session, subject, school_id)
    target = await load_target(session, school_id, scope)
    return decide(permission, target, holder, now or datetime.now(UTC))


async def check(
    *,
    runtime: Runtime,
    subject: str,
    permission: str,
    school_id: UUID | None,
    scope: Scope | None = None,
) -> Decision:
    async with runtime.uow(school_id=school_id) as uow:
        return await check_in(
            uow.session, subject=subject, permission=permission, school_id=school_id, scope=scope
        )


async def require(session: AsyncSession, actor: Actor, permission: str, school_id: UUID) -> None:
    """Raises NotAllowed unless the actor holds `permission` in the school."""
    decision = await check_in(
        session, subject=actor.subject, permission=permission, school_id=school_id
    )
    if not decision.allowed:
        raise NotAllowed(decision.reason)


async def schools_where(*, runtime: Runtime, subject: str, permission: str) -> frozenset[UUID]:
    """The schools in which the subject holds the permission."""
    async with runtime.uow(all_schools=True) as uow:
        grants = await grants_repo.of_subject(uow.session, subject)
        schools = {g.school_id for g in grants if g.school_id is not None}
        allowed = set()
        for school_id in schools:
            decision = await check_in(
                uow.session, subject=subject, permission=permission, school_id=school_id
            )
            if decision.allowed:
                allowed.add(school_id)
    return frozenset(allowed)

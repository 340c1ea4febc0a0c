"""REST: the permission catalogue, a school's grants, and widening or narrowing rights
(school administrator)."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, Query, Request
from pydantic import BaseModel, Field

from tabel_identity.adapters import grants_repo
from tabel_identity.domain.errors import IdentityError
from tabel_identity.domain.grants import Grant, Scope, ScopeKind
from tabel_identity.domain.permissions import CATALOGUE, DEFAULTS, SCHOOL_ROLES, Role, effective
from tabel_identity.entrypoints.actors import actor_of
from tabel_identity.entrypoints.errors import platform_error
from tabel_identity.service_layer import authorization, grants, rights
from tabel_platform.http.security import CurrentPrincipal
from tabel_platform.runtime import CurrentRuntime

router = APIRouter(prefix="/v1", tags=["rights"])


class PermissionRead(BaseModel):
    code: str
    title: str


class CatalogueRead(BaseModel):
    permissions: list[PermissionRead]
    roles: dict[str, list[str]]


class ScopeSchema(BaseModel):
    kind: ScopeKind
    id: UUID | None = None


class GrantCreate(BaseModel):
    account_id: UUID
    role: Role
    scope: ScopeSchema | None = None
    person_id: UUID | None = None
    expires_at: datetime | None = None


class GrantRead(BaseModel):
    id: UUID
    account_id: UUID
    person_id: UUID | None
    school_id: UUID | None
    role: Role
    scope: ScopeSchema | None
    granted_at: datetime | None
    granted_by: UUID | None
    expires_at: datetime | None


class RightsUpdate(BaseModel):
    add: list[str] = Field(default_factory=list, max_length=100)
    remove: list[str] = Field(default_factory=list, max_length=100)


class RoleRightsRead(BaseModel):
    role: Role
    permissions: list[str]
    added: list[str]
    removed: list[str]


class PersonRightsRead(BaseModel):
    account_id: UUID
    added: list[str]
    removed: list[str]


def grant_read(g: Grant) -> GrantRead:
    scope = ScopeSchema(kind=g.scope.kind, id=g.scope.id) if g.scope else None
    return GrantRead(
        id=g.id, account_id=g.account_id, person_id=g.person_id, school_id=g.school_id,
        role=g.role, scope=scope, granted_at=g.granted_at, granted_by=g.granted_by,
        expires_at=g.expires_at,
    )  # fmt: skip


@router.get("/permissions", response_model=CatalogueRead)
async def catalogue(principal: CurrentPrincipal) -> CatalogueRead:
    """The permission catalogue and each role's default permissions."""
    return CatalogueRead(
        permissions=[PermissionRead(code=c, title=t) for c, t in CATALOGUE.items()],
        roles={r.value: sorted(p) for r, p in DEFAULTS.items()},
    )


@router.post("/schools/{school_id}/grants", status_code=201, response_model=GrantRead)
async def add_grant(
    school_id: UUID, body: GrantCreate, request: Request, principal: CurrentPrincipal,
    runtime: CurrentRuntime,
) -> GrantRead:  # fmt: skip
    """Grant a role in the school, optionally narrowed to a class, group, subject or child."""
    scope = Scope(body.scope.kind, body.scope.id) if body.scope else None
    command = grants.GrantRole(
        school_id=school_id, account_id=body.account_id, role=body.role, scope=scope,
        person_id=body.person_id, expires_at=body.expires_at,
    )  # fmt: skip
    try:
        grant = await grants.add_grant(
            runtime=runtime, command=command, by=actor_of(request, principal)
        )
    except IdentityError as exc:
        raise platform_error(exc) from exc
    return grant_read(grant)


@router.get("/schools/{school_id}/grants", response_model=list[GrantRead])
async def list_grants(
    school_id: UUID, request: Request, principal: CurrentPrincipal, runtime: CurrentRuntime,
    role: Role | None = None, after: UUID | None = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 100,
) -> list[GrantRead]:  # fmt: skip
    """The school's live grants, by id (page with `after`)."""
    try:
        async with runtime.uow(school_id=school_id) as uow:
            await authorization.require(
                uow.session, actor_of(request, principal), "identity.grant.manage", school_id
            )
            found = await grants_repo.search(
                uow.session, school_id=school_id, role=role, after=after, limit=limit
            )
    except IdentityError as exc:
        raise platform_error(exc) from exc
    return [grant_read(g) for g in found]


@router.delete("/schools/{school_id}/grants/{grant_id}", response_model=GrantRead)
async def revoke_grant(
    school_id: UUID, grant_id: UUID, request: Request, principal: CurrentPrincipal,
    runtime: CurrentRuntime, reason: Annotated[str, Query(max_length=500)] = "",
) -> GrantRead:  # fmt: skip
    """Revoke a grant of the school (never the school's last administrator)."""
    try:
        grant = await grants.revoke_grant(
            runtime=runtime, school_id=school_id, grant_id=grant_id, reason=reason,
            by=actor_of(request, principal),
        )  # fmt: skip
    except IdentityError as exc:
        raise platform_error(exc) from exc
    return grant_read(grant)


@router.patch("/schools/{school_id}/roles/{role}/rights", response_model=RoleRightsRead)
async def change_role_rights(
    school_id: UUID, role: Role, body: RightsUpdate, request: Request,
    principal: CurrentPrincipal, runtime: CurrentRuntime,
) -> RoleRightsRead:  # fmt: skip
    """Widen or narrow what a role may do in the school."""
    try:
        result = await rights.change_role_rights(
            runtime=runtime, school_id=school_id, role=role, add=frozenset(body.add),
            remove=frozenset(body.remove), by=actor_of(request, principal),
        )  # fmt: skip
    except IdentityError as exc:
        raise platform_error(exc, field="permissions") from exc
    return RoleRightsRead(
        role=role, permissions=sorted(result),
        added=sorted(result - DEFAULTS[role]), removed=sorted(DEFAULTS[role] - result),
    )  # fmt: skip


@router.get("/schools/{school_id}/roles/{role}/rights", response_model=RoleRightsRead)
async def role_rights(
    school_id: UUID, role: Role, request: Request, principal: CurrentPrincipal,
    runtime: CurrentRuntime,
) -> RoleRightsRead:  # fmt: skip
    """What a role may do in the school (defaults with the school's changes)."""
    try:
        async with runtime.uow(school_id=school_id) as uow:
            await authorization.require(
                uow.session, actor_of(request, principal), "identity.rights.manage", school_id
            )
            found = (await grants_repo.role_overrides(uow.session, school_id)).get(role)
    except IdentityError as exc:
        raise platform_error(exc) from exc
    result = effective(role, *(found.added, found.removed) if found else ())
    return RoleRightsRead(
        role=role, permissions=sorted(result),
        added=sorted(result - DEFAULTS[role]), removed=sorted(DEFAULTS[role] - result),
    )  # fmt: skip


@router.patch("/schools/{school_id}/accounts/{account_id}/rights", response_model=PersonRightsRead)
async def change_person_rights(
    school_id: UUID, account_id: UUID, body: RightsUpdate, request: Request,
    principal: CurrentPrincipal, runtime: CurrentRuntime,
) -> PersonRightsRead:  # fmt: skip
    """Widen or narrow one person's rights in the school."""
    try:
        new = await rights.change_person_rights(
            runtime=runtime, school_id=school_id, account_id=account_id,
            add=frozenset(body.add), remove=frozenset(body.remove),
            by=actor_of(request, principal),
        )  # fmt: skip
    except IdentityError as exc:
        raise platform_error(exc, field="permissions") from exc
    return PersonRightsRead(
        account_id=account_id, added=sorted(new.added), removed=sorted(new.removed)
    )


__all__ = ["SCHOOL_ROLES", "router"]

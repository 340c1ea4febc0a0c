"""REST: personal invitation codes for people of roster (school administrator) and their
redemption on the school's domain by the invited person."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, Query, Request
from pydantic import BaseModel, Field

from tabel_identity.domain.errors import IdentityError
from tabel_identity.domain.grants import Scope
from tabel_identity.domain.invitations import Invitation
from tabel_identity.domain.permissions import Role
from tabel_identity.entrypoints.actors import actor_of, source_of
from tabel_identity.entrypoints.errors import platform_error
from tabel_identity.entrypoints.http_grants import ScopeSchema
from tabel_identity.entrypoints.oidc.routes import rate_limited
from tabel_identity.service_layer import invitations
from tabel_identity.wiring import directory_of, identity_of
from tabel_platform.errors import TooManyRequests
from tabel_platform.http.security import CurrentPrincipal
from tabel_platform.runtime import CurrentRuntime

router = APIRouter(prefix="/v1", tags=["onboarding"])


class InvitationCreate(BaseModel):
    person_id: UUID
    role: Role | None = Field(default=None, description="omitted: from the person's kind")
    scope: ScopeSchema | None = None
    valid_days: Annotated[int, Field(ge=1, le=90)] = 30


class InvitationRead(BaseModel):
    id: UUID
    school_id: UUID
    person_id: UUID
    role: Role
    scope: ScopeSchema | None
    issued_at: datetime
    expires_at: datetime
    status: str  # live | used | revoked | expired
    used_by: UUID | None


class IssuedInvitationRead(InvitationRead):
    code: str  # shown only now
    full_name: str


class RedemptionCreate(BaseModel):
    code: str = Field(min_length=1, max_length=64)
    username: str = Field(min_length=1, max_length=64)
    password: str = Field(min_length=1, max_length=1000)


class RedemptionRead(BaseModel):
    school_id: UUID
    account_id: UUID
    person_id: UUID
    username: str
    role: Role


def invitation_read(i: Invitation) -> InvitationRead:
    scope = ScopeSchema(kind=i.scope.kind, id=i.scope.id) if i.scope else None
    return InvitationRead(
        id=i.id, school_id=i.school_id, person_id=i.person_id, role=i.role, scope=scope,
        issued_at=i.issued_at, expires_at=i.expires_at, status=i.status(datetime.now(UTC)),
        used_by=i.used_by,
    )  # fmt: skip


@router.post(
    "/schools/{school_id}/invitations", status_code=201, response_model=IssuedInvitationRead
)
async def issue_invitation(
    school_id: UUID, body: InvitationCreate, request: Request, principal: CurrentPrincipal,
    runtime: CurrentRuntime,
) -> IssuedInvitationRead:  # fmt: skip
    """Invite a person of the school; the code is shown only now."""
    command = invitations.InvitePerson(
        school_id=school_id, person_id=body.person_id, role=body.role,
        scope=Scope(body.scope.kind, body.scope.id) if body.scope else None,
        valid_for=timedelta(days=body.valid_days),
    )  # fmt: skip
    try:
        issued = await invitations.invite(
            runtime=runtime, command=command, by=actor_of(request, principal)
        )
    except IdentityError as exc:
        raise platform_error(exc) from exc
    read = invitation_read(issued.invitation)
    return IssuedInvitationRead(**read.model_dump(), code=issued.code, full_name=issued.full_name)


@router.get("/schools/{school_id}/invitations", response_model=list[InvitationRead])
async def list_invitations(
    school_id: UUID, request: Request, principal: CurrentPrincipal, runtime: CurrentRuntime,
    person_id: UUID | None = None, limit: Annotated[int, Query(ge=1, le=500)] = 100,
    offset: Annotated[int, Query(ge=0)] = 0,
) -> list[InvitationRead]:  # fmt: skip
    """The school's invitations, newest first (without codes)."""
    try:
        found = await invitations.listed(
            runtime=runtime, school_id=school_id, person_id=person_id, limit=limit,
            offset=offset, by=actor_of(request, principal),
        )  # fmt: skip
    except IdentityError as exc:
        raise platform_error(exc) from exc
    return [invitation_read(i) for i in found]


@router.delete("/schools/{school_id}/invitations/{invitation_id}", status_code=204)
async def revoke_invitation(
    school_id: UUID, invitation_id: UUID, request: Request, principal: CurrentPrincipal,
    runtime: CurrentRuntime,
) -> None:  # fmt: skip
    """Revoke an unused invitation."""
    try:
        await invitations.revoke(
            runtime=runtime, school_id=school_id, invitation_id=invitation_id,
            by=actor_of(request, principal),
        )  # fmt: skip
    except IdentityError as exc:
        raise platform_error(exc) from exc


@router.post("/invitations/redemption", status_code=201, response_model=RedemptionRead)
async def redeem_invitation(
    body: RedemptionCreate, request: Request, runtime: CurrentRuntime
) -> RedemptionRead:
    """Redeem an invitation on the school's domain: creates one's account."""
    if rate_limited(request):
        raise TooManyRequests()
    host = (request.headers.get("host") or "").split(":")[0].lower()
    try:
        done = await invitations.redeem(
            runtime=runtime, identity=identity_of(runtime), directory=directory_of(runtime),
            host=host, typed_code=body.code,
            username=body.username, password=body.password, source=source_of(request),
        )  # fmt: skip
    except IdentityError as exc:
        raise platform_error(exc, field="password") from exc
    return RedemptionRead(
        school_id=done.school_id, account_id=done.account_id, person_id=done.person_id,
        username=done.username, role=done.role,
    )  # fmt: skip

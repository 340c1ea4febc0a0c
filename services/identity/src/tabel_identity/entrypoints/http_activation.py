"""REST: activation codes (region operator) and their redemption on the school's domain by
its first administrator."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, Request
from pydantic import BaseModel, Field

from tabel_identity.domain.errors import IdentityError
from tabel_identity.entrypoints.actors import actor_of, source_of
from tabel_identity.entrypoints.errors import platform_error
from tabel_identity.entrypoints.oidc.routes import rate_limited
from tabel_identity.service_layer import activation
from tabel_identity.wiring import identity_of
from tabel_platform.errors import TooManyRequests
from tabel_platform.http.security import CurrentPrincipal
from tabel_platform.runtime import CurrentRuntime

router = APIRouter(prefix="/v1", tags=["onboarding"])


class ActivationCodeCreate(BaseModel):
    valid_days: Annotated[int, Field(ge=1, le=90)] = 14


class ActivationCodeRead(BaseModel):
    id: UUID
    school_id: UUID
    code: str
    expires_at: datetime


class ActivationCreate(BaseModel):
    code: str = Field(min_length=1, max_length=64)
    username: str = Field(min_length=1, max_length=64)
    password: str = Field(min_length=1, max_length=1000)
    display_name: str = Field(min_length=1, max_length=300)
    email: str = Field(default="", max_length=300)


class ActivationRead(BaseModel):
    school_id: UUID
    account_id: UUID
    username: str


@router.post(
    "/schools/{school_id}/activation-codes", status_code=201, response_model=ActivationCodeRead
)
async def issue_activation_code(
    school_id: UUID, body: ActivationCodeCreate, request: Request,
    principal: CurrentPrincipal, runtime: CurrentRuntime,
) -> ActivationCodeRead:  # fmt: skip
    """Issue a school's activation code (region operator); it is shown only now."""
    try:
        issued = await activation.issue_code(
            runtime=runtime, school_id=school_id, valid_for=timedelta(days=body.valid_days),
            by=actor_of(request, principal),
        )  # fmt: skip
    except IdentityError as exc:
        raise platform_error(exc) from exc
    return ActivationCodeRead(
        id=issued.id, school_id=school_id, code=issued.code, expires_at=issued.expires_at
    )


@router.delete("/schools/{school_id}/activation-codes/{code_id}", status_code=204)
async def revoke_activation_code(
    school_id: UUID, code_id: UUID, request: Request, principal: CurrentPrincipal,
    runtime: CurrentRuntime,
) -> None:  # fmt: skip
    """Revoke an unused activation code (region operator)."""
    try:
        await activation.revoke_code(
            runtime=runtime, school_id=school_id, code_id=code_id,
            by=actor_of(request, principal),
        )  # fmt: skip
    except IdentityError as exc:
        raise platform_error(exc) from exc


@router.post("/activation", status_code=201, response_model=ActivationRead)
async def activate_school(
    body: ActivationCreate, request: Request, runtime: CurrentRuntime
) -> ActivationRead:
    """Activate the school of this domain with its code; creates the first administrator."""
    if rate_limited(request):
        raise TooManyRequests()
    host = (request.headers.get("host") or "").split(":")[0].lower()
    admin = activation.FirstAdministrator(
        username=body.username, password=body.password, display_name=body.display_name,
        email=body.email,
    )  # fmt: skip
    try:
        school_id, account_id = await activation.redeem_code(
            runtime=runtime, identity=identity_of(runtime), host=host, typed_code=body.code,
            admin=admin, source=source_of(request),
        )  # fmt: skip
    except IdentityError as exc:
        raise platform_error(exc, field="password") from exc
    return ActivationRead(school_id=school_id, account_id=account_id, username=body.username)

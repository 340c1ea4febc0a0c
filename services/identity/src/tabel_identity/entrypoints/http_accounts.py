"""REST: changing one's own password, a school administrator's reset, key rotation."""

from __future__ import annotations

from uuid import UUID

from fastapi import APIRouter, Request
from pydantic import BaseModel, Field

from tabel_identity.adapters.signing import make_rsa_key
from tabel_identity.domain.accounts import REGION_OPERATOR
from tabel_identity.domain.errors import AccountLocked, IdentityError, InvalidCredentials
from tabel_identity.entrypoints.actors import actor_of, source_of
from tabel_identity.entrypoints.errors import platform_error
from tabel_identity.entrypoints.oidc.routes import rate_limited
from tabel_identity.service_layer import accounts, authorization, keys
from tabel_identity.service_layer.login_audit import record_account_event, record_login
from tabel_identity.wiring import directory_of, identity_of
from tabel_platform.errors import Forbidden, TooManyRequests
from tabel_platform.http.security import CurrentPrincipal
from tabel_platform.runtime import CurrentRuntime

router = APIRouter(tags=["accounts"])


class PasswordChange(BaseModel):
    username: str = Field(min_length=1, max_length=200)
    current_password: str = Field(min_length=1, max_length=1000)
    new_password: str = Field(min_length=1, max_length=1000)


class PasswordReset(BaseModel):
    # Omitted: a random temporary password is made and returned.
    temporary_password: str | None = Field(default=None, max_length=1000)


class PasswordResetRead(BaseModel):
    account_id: UUID
    temporary_password: str
    must_change_password: bool = True


class SigningKeyRead(BaseModel):
    kid: str


@router.post("/v1/accounts/password", status_code=204)
async def change_password(body: PasswordChange, request: Request, runtime: CurrentRuntime) -> None:
    """Change one's own password (also after a reset, instead of the login page)."""
    if rate_limited(request):
        raise TooManyRequests()
    source = source_of(request)
    try:
        account_id = await accounts.change_password(
            identity_of(runtime),
            username=body.username,
            current_password=body.current_password,
            new_password=body.new_password,
        )
    except (InvalidCredentials, AccountLocked) as exc:
        await record_login(runtime=runtime, username=body.username, ok=False,
                           reason=f"password_change:{exc.code}", source=source)  # fmt: skip
        raise platform_error(exc, field="new_password") from exc
    except IdentityError as exc:
        raise platform_error(exc, field="new_password") from exc
    await record_account_event(runtime=runtime, kind="password_changed", account_id=account_id,
                               actor_account_id=account_id, source=source)  # fmt: skip


@router.post("/v1/accounts/{account_id}/password-reset", response_model=PasswordResetRead)
async def reset_password(
    account_id: UUID, body: PasswordReset, request: Request, principal: CurrentPrincipal,
    runtime: CurrentRuntime,
) -> PasswordResetRead:  # fmt: skip
    """Set a temporary password for a person of one's school (school administrator)."""
    managed = await authorization.schools_where(
        runtime=runtime, subject=principal.subject, permission="identity.account.manage"
    )
    admin = accounts.Admin(account_id=principal.subject, school_ids=managed)
    try:
        password = await accounts.reset_password(
            identity_of(runtime),
            admin=admin,
            account_id=account_id,
            new_password=body.temporary_password,
            directory=directory_of(runtime),
        )
    except IdentityError as exc:
        raise platform_error(exc, field="temporary_password") from exc
    actor = actor_of(request, principal)
    await record_account_event(
        runtime=runtime, kind="password_reset", account_id=account_id,
        actor_account_id=actor.account_id, source=source_of(request),
    )  # fmt: skip
    return PasswordResetRead(account_id=account_id, temporary_password=password)


@router.post("/v1/realm/signing-keys", status_code=201, response_model=SigningKeyRead)
async def rotate_signing_key(
    principal: CurrentPrincipal, runtime: CurrentRuntime
) -> SigningKeyRead:
    """Rotate the realm's signing key now (region operator)."""
    if not principal.has_role(REGION_OPERATOR):
        raise Forbidden()
    return SigningKeyRead(kid=await keys.rotate_signing_key(identity_of(runtime), make_rsa_key))

"""Identity's domain errors as the platform's errors (problem+json, gRPC status)."""

from __future__ import annotations

import grpc

from tabel_identity.domain.errors import (
    AccountLocked,
    AccountNotFound,
    IdentityError,
    InvalidCredentials,
    InvalidUsername,
    NotAllowed,
    UsernameTaken,
    WeakPassword,
)
from tabel_platform.errors import (
    Conflict,
    Forbidden,
    InvalidInput,
    NotFound,
    TabelError,
    Unauthenticated,
)
from tabel_platform.i18n import translate


class Locked(TabelError):
    code = "account_locked"
    http_status = 423
    grpc_status = grpc.StatusCode.FAILED_PRECONDITION
    message_key = "identity.account_locked"


def platform_error(exc: IdentityError, *, field: str = "password") -> TabelError:
    if isinstance(exc, InvalidCredentials):
        return Unauthenticated("identity.invalid_credentials", code=exc.code)
    if isinstance(exc, AccountLocked):
        return Locked()
    if isinstance(exc, WeakPassword):
        errors = [
            {"field": field, "code": v, "message": translate(f"identity.password.{v}")}
            for v in exc.violations
        ]
        return InvalidInput(
            "identity.password.weak", code=exc.code, errors=errors, count=len(errors)
        )
    if isinstance(exc, InvalidUsername):
        return InvalidInput("identity.invalid_username", code=exc.code)
    if isinstance(exc, UsernameTaken):
        return Conflict("identity.username_taken", code=exc.code)
    if isinstance(exc, AccountNotFound):
        return NotFound("identity.account_not_found", code=exc.code)
    if isinstance(exc, NotAllowed):
        return Forbidden()
    return InvalidInput(code=exc.code)

"""Identity's domain errors as the platform's errors (problem+json, gRPC status)."""

from __future__ import annotations

import grpc

from tabel_identity.domain.errors import (
    AccountLocked,
    AccountNotFound,
    ClassNotKnown,
    ClientNotFound,
    ClientsInKeycloak,
    GrantExists,
    GrantNotFound,
    IdentityError,
    InvalidClientScope,
    InvalidCredentials,
    InvalidGrant,
    InvalidUsername,
    NotAllowed,
    PersonHasAccount,
    PersonNotKnown,
    SchoolNotKnown,
    UnknownPermission,
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
    return _more(exc)


def _more(exc: IdentityError) -> TabelError:
    if isinstance(exc, GrantExists):
        return Conflict("identity.grant_exists", code=exc.code)
    if isinstance(exc, GrantNotFound):
        return NotFound("identity.grant_not_found", code=exc.code)
    if isinstance(exc, SchoolNotKnown):
        return NotFound("identity.school_not_known", code=exc.code)
    if isinstance(exc, PersonNotKnown):
        return NotFound("identity.person_not_known", code=exc.code)
    if isinstance(exc, ClassNotKnown):
        return NotFound("identity.class_not_known", code=exc.code)
    if isinstance(exc, PersonHasAccount):
        return Conflict("identity.person_has_account", code=exc.code)
    if isinstance(exc, UnknownPermission):
        errors = [{"field": "permissions", "code": "unknown", "message": p}
                  for p in exc.permissions]  # fmt: skip
        return InvalidInput("identity.unknown_permission", code=exc.code, errors=errors)
    if isinstance(exc, InvalidClientScope):
        errors = [{"field": "scopes", "code": "unknown", "message": s} for s in exc.scopes]
        return InvalidInput("identity.client.invalid_scope", code=exc.code, errors=errors)
    if isinstance(exc, ClientNotFound):
        return NotFound("identity.client.not_found", code=exc.code)
    if isinstance(exc, ClientsInKeycloak):
        return Conflict("identity.client.in_keycloak", code=exc.code)
    if isinstance(exc, InvalidGrant):
        reason = str(exc) or "invalid_grant"
        return InvalidInput(f"identity.grant.{reason}", code=reason)
    from tabel_identity.entrypoints.code_errors import code_error

    return code_error(exc)

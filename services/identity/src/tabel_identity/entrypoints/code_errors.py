"""Refused activation and invitation codes as the platform's errors."""

from __future__ import annotations

from tabel_identity.domain.errors import CodeRefused, IdentityError
from tabel_platform.errors import (
    InvalidInput,
    NotFound,
    PreconditionFailed,
    TabelError,
    TooManyRequests,
)


def code_error(exc: IdentityError) -> TabelError:
    if not isinstance(exc, CodeRefused):
        return InvalidInput(code=exc.code)
    key = f"identity.code.{exc.code}"
    if exc.code in ("code_attempts_slowed", "code_attempts_locked"):
        error = TooManyRequests(key, code=exc.code, retry_after_s=exc.retry_after_s or 1)
        error.errors = [{"field": "code", "code": exc.code, "retry_after_s": exc.retry_after_s}]
        return error
    if exc.code == "code_invalid":
        return InvalidInput(key, code=exc.code, errors=[{"field": "code", "code": exc.code}])
    if exc.code == "host_unknown":
        return NotFound(key, code=exc.code)
    return PreconditionFailed(key, code=exc.code)

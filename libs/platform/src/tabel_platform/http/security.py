"""FastAPI dependencies: who is calling (a validated bearer token) and in which school.

A request's school comes from the host it was sent to (the school's own domain) or,
on the region's shared API host, from the `X-Tabel-School` header; either way it must
be one of the schools the token was issued for (DESIGN.md, "Tenancy and access").
"""

from __future__ import annotations

from typing import Annotated, Protocol
from uuid import UUID

from fastapi import Depends, Request

from tabel_platform.auth.principal import Principal, current_principal
from tabel_platform.auth.tokens import InvalidToken, TokenValidator
from tabel_platform.errors import Forbidden, InvalidInput, NotFound, Unauthenticated, Unavailable
from tabel_platform.logging import get_logger
from tabel_platform.tenancy import current_school

log = get_logger(__name__)
SCHOOL_HEADER = "x-tabel-school"


class SchoolResolver(Protocol):
    async def school_for_host(self, host: str) -> UUID | None: ...


# Plain async functions, not generators: FastAPI sets generator dependencies up in an exit
# stack per request. The context variables they set are restored by RequestContextMiddleware.


async def authenticated(request: Request) -> Principal:
    header = request.headers.get("authorization", "")
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token:
        raise Unauthenticated()
    validator: TokenValidator = request.app.state.token_validator
    try:
        principal = await validator.validate(token.strip())
    except InvalidToken as exc:
        log.info("auth.token_refused", reason=exc.reason)
        raise Unauthenticated("error.token_invalid", code="token_invalid") from exc
    current_principal.set(principal)
    return principal


CurrentPrincipal = Annotated[Principal, Depends(authenticated)]


async def school_context(request: Request, principal: CurrentPrincipal) -> UUID:
    resolver: SchoolResolver | None = getattr(request.app.state, "school_resolver", None)
    host = (request.headers.get("host") or "").split(":")[0].lower()
    try:
        from_host = await resolver.school_for_host(host) if resolver and host else None
    except Exception as exc:  # roster unreachable: a retryable 503, not a 500
        log.warning("tenancy.resolve_failed", host=host, error=str(exc))
        raise Unavailable() from exc
    from_header = _header_school(request)
    if from_host and from_header and from_host != from_header:
        raise Forbidden("error.school_mismatch", code="school_mismatch")
    school = from_host or from_header
    if school is None:
        if len(principal.school_ids) != 1:
            raise NotFound("error.school_unknown", code="school_unknown")
        school = next(iter(principal.school_ids))
    if not principal.is_service and school not in principal.school_ids:
        raise Forbidden("error.school_mismatch", code="school_mismatch")
    current_school.set(school)
    return school


CurrentSchool = Annotated[UUID, Depends(school_context)]


def _header_school(request: Request) -> UUID | None:
    raw = request.headers.get(SCHOOL_HEADER)
    if not raw:
        return None
    try:
        return UUID(raw)
    except ValueError as exc:
        raise InvalidInput(
            "field.invalid",
            code="invalid_school_header",
            errors=[{"field": SCHOOL_HEADER, "code": "uuid", "message": "UUID"}],
        ) from exc

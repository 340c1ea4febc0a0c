"""FastAPI dependencies: who is calling (a validated bearer token) and in which school.

A request's school comes from the host it was sent to (the school's own domain) or,
on the region's shared API host, from the `X-Tabel-School` header; either way it must
be one of the schools the token was issued for (DESIGN.md, "Tenancy and access").

`CurrentPrincipal` and `CurrentSchool` are the usual pair; `CurrentCaller` is both in one
dependency for busy reads, since every dependency level FastAPI resolves costs tens of
microseconds (bench/journal/run.py). Headers are read straight from the ASGI scope.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Protocol
from uuid import UUID

from fastapi import Depends, Request
from starlette.datastructures import State
from starlette.types import Scope

from tabel_platform.auth.principal import Principal, current_principal
from tabel_platform.auth.tokens import InvalidToken, TokenValidator
from tabel_platform.errors import (
    Forbidden,
    InvalidInput,
    NotFound,
    TabelError,
    Unauthenticated,
    Unavailable,
)
from tabel_platform.i18n import translate
from tabel_platform.logging import get_logger
from tabel_platform.tenancy import current_school

log = get_logger(__name__)
SCHOOL_HEADER = "x-tabel-school"
_CALLER_HEADERS = (b"authorization", b"host", SCHOOL_HEADER.encode())


class SchoolResolver(Protocol):
    async def school_for_host(self, host: str) -> UUID | None: ...


@dataclass(frozen=True, slots=True)
class Caller:
    principal: Principal
    school_id: UUID


# Plain async functions, not generators: FastAPI sets generator dependencies up in an exit
# stack per request. The context variables they set are restored by RequestContextMiddleware.


async def authenticated(request: Request) -> Principal:
    (authorization,) = scope_headers(request.scope, b"authorization")
    return await _authenticate(request.app.state, authorization)


CurrentPrincipal = Annotated[Principal, Depends(authenticated)]


async def school_context(request: Request, principal: CurrentPrincipal) -> UUID:
    _, host, school_header = scope_headers(request.scope, *_CALLER_HEADERS)
    return await _school(request.app.state, principal, host, school_header)


CurrentSchool = Annotated[UUID, Depends(school_context)]


async def caller(request: Request) -> Caller:
    """The principal and the school of the request, checked as the two dependencies above."""
    authorization, host, school_header = scope_headers(request.scope, *_CALLER_HEADERS)
    principal = await _authenticate(request.app.state, authorization)
    return Caller(principal, await _school(request.app.state, principal, host, school_header))


CurrentCaller = Annotated[Caller, Depends(caller)]


async def known_caller(scope: Scope) -> Caller | None:
    """The caller as `caller` finds them, if their token was validated before (no signature
    check here) and their school agrees; None when anything is amiss, for the request to go
    the usual way, which answers it or says what is wrong. For answers given ahead of the
    app, such as cache hits; sets no context variables."""
    authorization, host, school_header = scope_headers(scope, *_CALLER_HEADERS)
    token = _bearer(authorization)
    state: State = scope["app"].state
    validator: TokenValidator | None = getattr(state, "token_validator", None)
    principal = validator.cached(token) if validator and token else None
    if principal is None:
        return None
    try:
        return Caller(principal, await _school(state, principal, host, school_header, quiet=True))
    except TabelError:
        return None


def scope_headers(scope: Scope, *names: bytes) -> list[str]:
    """The first value of each named header ("" when absent), read from the ASGI scope (whose
    header names are lower case) in one pass."""
    found = [""] * len(names)
    for key, value in scope["headers"]:
        if key in names:
            i = names.index(key)
            if not found[i]:
                found[i] = value.decode("latin-1")
    return found


def _bearer(authorization: str) -> str | None:
    """The token of an `Authorization: Bearer …` header, or None."""
    scheme, _, token = authorization.partition(" ")
    return token.strip() or None if scheme.lower() == "bearer" else None


async def _authenticate(state: State, authorization: str) -> Principal:
    token = _bearer(authorization)
    if token is None:
        raise Unauthenticated()
    validator: TokenValidator = state.token_validator
    try:
        principal = await validator.validate(token)
    except InvalidToken as exc:
        log.info("auth.token_refused", reason=exc.reason)
        raise Unauthenticated("error.token_invalid", code="token_invalid") from exc
    current_principal.set(principal)
    return principal


async def _school(
    state: State, principal: Principal, host: str, header: str, *, quiet: bool = False
) -> UUID:
    resolver: SchoolResolver | None = getattr(state, "school_resolver", None)
    host = host.split(":")[0].lower()
    try:
        from_host = await resolver.school_for_host(host) if resolver and host else None
    except Exception as exc:  # roster unreachable: a retryable 503, not a 500
        if not quiet:
            log.warning("tenancy.resolve_failed", host=host, error=str(exc))
        raise Unavailable() from exc
    from_header = _school_header(header)
    if from_host and from_header and from_host != from_header:
        raise Forbidden("error.school_mismatch", code="school_mismatch")
    school = from_host or from_header
    if school is None:
        if len(principal.school_ids) != 1:
            raise NotFound("error.school_unknown", code="school_unknown")
        school = next(iter(principal.school_ids))
    if not principal.is_service and school not in principal.school_ids:
        raise Forbidden("error.school_mismatch", code="school_mismatch")
    if not quiet:
        current_school.set(school)
    return school


def _school_header(raw: str) -> UUID | None:
    if not raw:
        return None
    try:
        return UUID(raw)
    except ValueError as exc:
        raise InvalidInput(
            "field.invalid",
            code="invalid_school_header",
            errors=[
                {"field": SCHOOL_HEADER, "code": "uuid", "message": translate("field.uuid_parsing")}
            ],
        ) from exc

"""Server interceptors, outermost first: metrics, error mapping, deadline, auth, tenancy.

Each wraps the behaviour of unary-unary methods (the only kind Tabel's contracts use);
a streaming method that needs auth is refused rather than let through unchecked.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable, Sequence
from typing import TYPE_CHECKING, Any
from uuid import UUID

import grpc
from grpc.aio import AbortError

from tabel_platform.auth.principal import current_principal
from tabel_platform.auth.tokens import InvalidToken, TokenValidator
from tabel_platform.db.data_errors import user_error
from tabel_platform.errors import TabelError
from tabel_platform.i18n import translate
from tabel_platform.logging import get_logger
from tabel_platform.metrics import grpc_duration, grpc_requests
from tabel_platform.tenancy import current_school

log = get_logger("tabel.grpc")
Metadata = Sequence[tuple[str, str | bytes]]
if TYPE_CHECKING:  # the stubs' generics do not exist at run time
    ServicerContext = grpc.aio.ServicerContext[Any, Any]
    Handler = grpc.RpcMethodHandler[Any, Any]
    Next = Callable[[Any, ServicerContext], Awaitable[Any]]
PUBLIC_PREFIXES = ("/grpc.health.v1.Health/", "/grpc.reflection.")
SCHOOL_METADATA = "x-tabel-school"


def _meta(metadata: Metadata | None, key: str) -> str | None:
    for k, v in metadata or ():
        if k == key:
            return v.decode() if isinstance(v, bytes) else v
    return None


class _Around(grpc.aio.ServerInterceptor):  # type: ignore[type-arg]
    """Turns `around(method, metadata, request, context, call_next)` into an interceptor."""

    public_too = False

    async def intercept_service(
        self,
        continuation: Callable[[grpc.HandlerCallDetails], Awaitable[Handler]],
        details: grpc.HandlerCallDetails,
    ) -> Handler:
        handler = await continuation(details)
        method: str = details.method
        if handler is None or (method.startswith(PUBLIC_PREFIXES) and not self.public_too):
            return handler
        if handler.unary_unary is None:
            return _refuse_streaming() if not method.startswith(PUBLIC_PREFIXES) else handler
        inner: Next = handler.unary_unary  # type: ignore[assignment]  # aio handlers are async
        metadata = details.invocation_metadata

        async def behaviour(request: Any, context: ServicerContext) -> Any:
            return await self.around(method, metadata, request, context, inner)

        return grpc.unary_unary_rpc_method_handler(
            behaviour,
            request_deserializer=handler.request_deserializer,
            response_serializer=handler.response_serializer,
        )

    async def around(
        self,
        method: str,
        metadata: Metadata,
        request: Any,
        context: ServicerContext,
        call_next: Next,
    ) -> Any:
        raise NotImplementedError


def _refuse_streaming() -> Handler:
    async def refuse(request: Any, context: ServicerContext) -> None:
        await context.abort(grpc.StatusCode.UNIMPLEMENTED, "streaming calls are not supported")

    return grpc.unary_unary_rpc_method_handler(refuse)


class MetricsInterceptor(_Around):
    public_too = True

    async def around(
        self,
        method: str,
        metadata: Metadata,
        request: Any,
        context: ServicerContext,
        call_next: Next,
    ) -> Any:
        started = time.perf_counter()
        code = "OK"
        try:
            return await call_next(request, context)
        except AbortError:
            status = context.code()
            code = status.name if isinstance(status, grpc.StatusCode) else "UNKNOWN"
            raise
        except BaseException:
            code = "INTERNAL"
            raise
        finally:
            grpc_requests.labels(method, code).inc()
            grpc_duration.labels(method).observe(time.perf_counter() - started)


class ErrorMappingInterceptor(_Around):
    """Domain errors become their gRPC status with the machine code in trailing metadata."""

    async def around(
        self,
        method: str,
        metadata: Metadata,
        request: Any,
        context: ServicerContext,
        call_next: Next,
    ) -> Any:
        try:
            return await call_next(request, context)
        except AbortError:
            raise
        except TabelError as exc:
            await _abort(context, exc)
        except TimeoutError:
            await context.abort(grpc.StatusCode.DEADLINE_EXCEEDED, translate("error.unavailable"))
        except Exception as exc:  # a bug, unless the database refused the data sent
            if (mapped := user_error(exc)) is not None:
                await _abort(context, mapped)
            log.exception("grpc.unhandled", method=method, error=str(exc))
            await context.abort(
                grpc.StatusCode.INTERNAL, translate("error.internal", request_id="")
            )


async def _abort(context: ServicerContext, exc: TabelError) -> None:
    """End the call with the error's status, human message and machine code (trailer)."""
    context.set_trailing_metadata((("tabel-error-code", exc.code),))
    await context.abort(exc.grpc_status, exc.message)


class DeadlineInterceptor(_Around):
    """A call without a deadline gets the service default, so nothing waits forever."""

    def __init__(self, default_s: float) -> None:
        self._default = default_s

    async def around(
        self,
        method: str,
        metadata: Metadata,
        request: Any,
        context: ServicerContext,
        call_next: Next,
    ) -> Any:
        remaining = context.time_remaining()
        budget = self._default if remaining is None else min(remaining, self._default * 6)
        return await asyncio.wait_for(call_next(request, context), budget)


class AuthInterceptor(_Around):
    def __init__(self, validator: TokenValidator) -> None:
        self._validator = validator

    async def around(
        self,
        method: str,
        metadata: Metadata,
        request: Any,
        context: ServicerContext,
        call_next: Next,
    ) -> Any:
        header = _meta(metadata, "authorization") or ""
        scheme, _, token = header.partition(" ")
        if scheme.lower() != "bearer" or not token:
            await context.abort(grpc.StatusCode.UNAUTHENTICATED, translate("error.unauthenticated"))
        try:
            principal = await self._validator.validate(token.strip())
        except InvalidToken as exc:
            log.info("auth.token_refused", method=method, reason=exc.reason)
            await context.abort(grpc.StatusCode.UNAUTHENTICATED, translate("error.token_invalid"))
        reset = current_principal.set(principal)
        try:
            return await call_next(request, context)
        finally:
            current_principal.reset(reset)


class TenancyInterceptor(_Around):
    """`x-tabel-school` metadata names the school; a person may only name one of theirs."""

    async def around(
        self,
        method: str,
        metadata: Metadata,
        request: Any,
        context: ServicerContext,
        call_next: Next,
    ) -> Any:
        raw = _meta(metadata, SCHOOL_METADATA)
        if not raw:
            return await call_next(request, context)
        try:
            school = UUID(raw)
        except ValueError:
            await context.abort(grpc.StatusCode.INVALID_ARGUMENT, f"{SCHOOL_METADATA}: UUID")
        principal = current_principal.get()
        if principal and not principal.is_service and school not in principal.school_ids:
            await context.abort(
                grpc.StatusCode.PERMISSION_DENIED, translate("error.school_mismatch")
            )
        reset = current_school.set(school)
        try:
            return await call_next(request, context)
        finally:
            current_school.reset(reset)

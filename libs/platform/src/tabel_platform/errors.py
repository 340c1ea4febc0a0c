"""Errors a caller can act on: a machine code, an HTTP status, a gRPC status, a human message.

Domain code raises these; the HTTP and gRPC entrypoints map them, so bad input never
becomes a 500. The message key is translated for the request's locale.
"""

from __future__ import annotations

from typing import Any

import grpc

from tabel_platform.i18n import translate


class TabelError(Exception):
    code = "bad_request"
    http_status = 400
    grpc_status = grpc.StatusCode.INVALID_ARGUMENT
    message_key = "error.bad_request"

    def __init__(
        self,
        message_key: str | None = None,
        /,
        *,
        code: str | None = None,
        errors: list[dict[str, Any]] | None = None,
        **params: Any,
    ) -> None:
        self.message_key = message_key or self.message_key
        self.code = code or self.code
        self.params = params
        self.errors = errors or []
        super().__init__(self.message_key)

    @property
    def message(self) -> str:
        # A message that counts ("{count} ошибки") counts the listed errors unless told.
        return translate(self.message_key, **{"count": max(1, len(self.errors)), **self.params})


class InvalidInput(TabelError):
    code = "invalid_input"
    http_status = 422
    message_key = "error.validation"


class NotFound(TabelError):
    code = "not_found"
    http_status = 404
    grpc_status = grpc.StatusCode.NOT_FOUND
    message_key = "error.not_found"


class Conflict(TabelError):
    code = "conflict"
    http_status = 409
    grpc_status = grpc.StatusCode.ALREADY_EXISTS
    message_key = "error.conflict"


class PreconditionFailed(TabelError):
    code = "precondition_failed"
    http_status = 409
    grpc_status = grpc.StatusCode.FAILED_PRECONDITION
    message_key = "error.conflict"


class Unauthenticated(TabelError):
    code = "unauthenticated"
    http_status = 401
    grpc_status = grpc.StatusCode.UNAUTHENTICATED
    message_key = "error.unauthenticated"


class Forbidden(TabelError):
    code = "forbidden"
    http_status = 403
    grpc_status = grpc.StatusCode.PERMISSION_DENIED
    message_key = "error.forbidden"


class TooManyRequests(TabelError):
    code = "too_many_requests"
    http_status = 429
    grpc_status = grpc.StatusCode.RESOURCE_EXHAUSTED
    message_key = "error.unavailable"


class Unavailable(TabelError):
    code = "unavailable"
    http_status = 503
    grpc_status = grpc.StatusCode.UNAVAILABLE
    message_key = "error.unavailable"

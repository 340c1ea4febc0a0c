"""RFC 9457 problem+json answers: a machine `code`, a human `detail`, the request id.

Every error a client can get goes through here, so none is a bare 500 page and none
leaks a stack trace.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from sqlalchemy.exc import DBAPIError
from starlette.exceptions import HTTPException as StarletteHTTPException

from tabel_platform.db.data_errors import user_error
from tabel_platform.errors import TabelError
from tabel_platform.i18n import has, translate

MEDIA_TYPE = "application/problem+json"

_STATUS_CODES = {
    400: ("bad_request", "error.bad_request"),
    401: ("unauthenticated", "error.unauthenticated"),
    403: ("forbidden", "error.forbidden"),
    404: ("not_found", "error.not_found"),
    405: ("method_not_allowed", "error.method_not_allowed"),
    409: ("conflict", "error.conflict"),
}


def problem(
    request: Request,
    *,
    status: int,
    code: str,
    detail: str,
    errors: list[dict[str, Any]] | None = None,
    headers: dict[str, str] | None = None,
) -> JSONResponse:
    body: dict[str, Any] = {
        "type": f"https://tabel.example/problems/{code}",
        "title": code.replace("_", " "),
        "status": status,
        "code": code,
        "detail": detail,
        "instance": request.url.path,
        "request_id": getattr(request.state, "request_id", ""),
    }
    if errors:
        body["errors"] = errors
    return JSONResponse(body, status_code=status, media_type=MEDIA_TYPE, headers=headers)


# Where FastAPI found the value; the first element of every validation error's loc.
_SOURCES = frozenset({"body", "query", "path", "header", "cookie"})

# Pydantic error types that read the same to a person share the message of the first type.
_SAME_MESSAGE = {
    "missing": "required",
    "int_type": "int_parsing",
    "float_type": "float_parsing",
    "decimal_parsing": "float_parsing",
    "decimal_type": "float_parsing",
    "bool_type": "bool_parsing",
    "uuid_type": "uuid_parsing",
    "date_type": "date_parsing",
    "date_from_datetime_parsing": "date_parsing",
    "datetime_type": "datetime_parsing",
    "datetime_from_date_parsing": "datetime_parsing",
    "literal_error": "enum",
    "model_type": "dict_type",
    "model_attributes_type": "dict_type",
}

# Message param <- the error's ctx entry, for the types whose message names a limit.
_CTX_PARAMS = {
    "string_too_long": ("count", "max_length"),
    "string_too_short": ("count", "min_length"),
    "too_long": ("count", "max_length"),
    "too_short": ("count", "min_length"),
    "greater_than": ("limit", "gt"),
    "greater_than_equal": ("limit", "ge"),
    "less_than": ("limit", "lt"),
    "less_than_equal": ("limit", "le"),
    "string_pattern_mismatch": ("pattern", "pattern"),
    "enum": ("expected", "expected"),
}

# pydantic lists choices as "'a', 'b' or 'c'": the last " or " before one whole value.
_LAST_CHOICE = re.compile(r"^(.*) or ('(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\"|[^'\" ]+)$", re.S)
_VALUE_ERROR = "Value error, "


def _field_errors(exc: RequestValidationError) -> list[dict[str, Any]]:
    return [_field_error(err) for err in exc.errors()]


def _field_error(err: Mapping[str, Any]) -> dict[str, Any]:
    loc = list(err.get("loc", ()))
    if loc and loc[0] in _SOURCES:
        loc = loc[1:]
    kind = str(err.get("type", ""))
    if kind == "json_invalid" and len(loc) == 1 and isinstance(loc[0], int):
        # The body itself does not parse; FastAPI puts the 0-based offset where the loc
        # of a field would be.
        field, message = "", translate("field.json_invalid", position=loc[0] + 1)
    else:
        field, message = ".".join(str(p) for p in loc), _message(kind, err)
    return {"field": field, "code": kind, "message": message, "detail": str(err.get("msg", ""))}


def _message(kind: str, err: Mapping[str, Any]) -> str:
    own = str(err.get("msg", "")).removeprefix(_VALUE_ERROR)
    if kind == "value_error" and own and own != err.get("msg"):
        return own  # the validator's own words
    kind = _SAME_MESSAGE.get(kind, kind)
    key = f"field.{kind}"
    if kind == "json_invalid" or not has(key):
        return translate("field.invalid")
    params: dict[str, Any] = {}
    if kind in _CTX_PARAMS:
        name, source = _CTX_PARAMS[kind]
        ctx = err.get("ctx") or {}
        if source not in ctx:
            return translate("field.invalid")
        params[name] = _choices(str(ctx[source])) if kind == "enum" else ctx[source]
    return translate(key, **params)


def _choices(expected: str) -> str:
    """pydantic's "'a', 'b' or 'c'" as a plain list: "'a', 'b', 'c'"."""
    found = _LAST_CHOICE.match(expected)
    return f"{found[1]}, {found[2]}" if found else expected


def install_problem_handlers(app: FastAPI) -> None:
    @app.exception_handler(TabelError)
    async def _tabel(request: Request, exc: TabelError) -> JSONResponse:
        headers = {"WWW-Authenticate": "Bearer"} if exc.http_status == 401 else None
        return problem(
            request,
            status=exc.http_status,
            code=exc.code,
            detail=exc.message,
            errors=exc.errors,
            headers=headers,
        )

    @app.exception_handler(DBAPIError)
    async def _database(request: Request, exc: DBAPIError) -> JSONResponse:
        mapped = user_error(exc)
        if mapped is None:
            raise exc  # a bug or an outage: the request middleware answers the 500
        return await _tabel(request, mapped)

    @app.exception_handler(RequestValidationError)
    async def _validation(request: Request, exc: RequestValidationError) -> JSONResponse:
        errors = _field_errors(exc)
        return problem(
            request,
            status=422,
            code="invalid_input",
            detail=translate("error.validation", count=len(errors)),
            errors=errors,
        )

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        code, key = _STATUS_CODES.get(exc.status_code, ("http_error", "error.bad_request"))
        return problem(request, status=exc.status_code, code=code, detail=translate(key))

"""RFC 9457 problem+json answers: a machine `code`, a human `detail`, the request id.

Every error a client can get goes through here, so none is a bare 500 page and none
leaks a stack trace.
"""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from tabel_platform.errors import TabelError
from tabel_platform.i18n import translate

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


def _field_errors(exc: RequestValidationError) -> list[dict[str, Any]]:
    out = []
    for err in exc.errors():
        loc = [str(p) for p in err.get("loc", ()) if p not in ("body", "query", "path", "header")]
        kind = str(err.get("type", ""))
        out.append(
            {
                "field": ".".join(loc),
                "code": kind,
                "message": translate("field.required" if kind == "missing" else "field.invalid"),
                "detail": str(err.get("msg", "")),
            }
        )
    return out


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

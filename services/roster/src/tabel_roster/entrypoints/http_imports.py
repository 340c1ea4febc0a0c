"""REST: bulk import of the school's people and classes from CSV or XLSX."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any

from fastapi import APIRouter, File, Query, UploadFile
from fastapi.responses import StreamingResponse
from pydantic import BaseModel

from tabel_platform.errors import InvalidInput, TabelError
from tabel_platform.http.security import CurrentPrincipal, CurrentSchool
from tabel_platform.runtime import CurrentRuntime
from tabel_roster.entrypoints.access import Action, authorize
from tabel_roster.service_layer import imports

MAX_BYTES = 10 * 1024 * 1024


class RowErrorRead(BaseModel):
    row: int
    column: str
    message: str


class ImportRead(BaseModel):
    dry_run: bool
    valid: bool
    rows: int
    errors: list[RowErrorRead]
    created: int
    updated: int
    unchanged: int
    classes_created: list[str]
    enrolled: int
    guardianships_added: int


router = APIRouter(prefix="/v1", tags=["import"])


@router.post("/imports", response_model=ImportRead)
async def import_roster(
    principal: CurrentPrincipal,
    school: CurrentSchool,
    runtime: CurrentRuntime,
    file: UploadFile = File(description="CSV (UTF-8 или cp1251) или XLSX"),
    dry_run: bool = Query(default=True, description="only check and report; write nothing"),
    academic_year_start: int | None = Query(default=None, ge=2000, le=2100),
    progress: bool = Query(default=False, description="stream NDJSON progress, then the report"),
) -> ImportRead | StreamingResponse:
    """Import staff, students, guardians and classes; a dry run only reports (administrator)."""
    await authorize(runtime, principal, Action.MANAGE_SCHOOL, school)
    content = await file.read(MAX_BYTES + 1)
    if len(content) > MAX_BYTES:
        raise InvalidInput("roster.import_too_large", code="import_too_large")

    async def run(on_progress: imports.Progress | None = None) -> ImportRead:
        report = await imports.import_roster(
            runtime=runtime,
            school_id=school,
            content=content,
            dry_run=dry_run,
            actor=principal.actor(),
            academic_year=academic_year_start,
            progress=on_progress,
        )
        if report.errors and not dry_run:
            errors = [
                {"row": e.row, "column": e.column, "message": e.message} for e in report.errors
            ]
            raise InvalidInput(
                "roster.import_invalid", code="import_invalid", errors=errors, count=len(errors)
            )
        return ImportRead(
            valid=not report.errors,
            errors=[
                RowErrorRead(row=e.row, column=e.column, message=e.message) for e in report.errors
            ],
            **{k: v for k, v in vars(report).items() if k not in ("errors", "parsed")},
        )

    if not progress:
        return await run()
    return StreamingResponse(_progress_lines(run), media_type="application/x-ndjson")


async def _progress_lines(
    run: Callable[[imports.Progress], Awaitable[ImportRead]],
) -> AsyncIterator[str]:
    """One JSON line per step ({"phase", "done", "total"}), then {"report"} or {"error"}."""
    queue: asyncio.Queue[dict[str, Any] | None] = asyncio.Queue()

    async def on_progress(phase: str, done: int, total: int) -> None:
        await queue.put({"phase": phase, "done": done, "total": total})

    async def work() -> None:
        try:
            await queue.put({"report": (await run(on_progress)).model_dump(mode="json")})
        except TabelError as exc:  # the status line is already sent: the error is the last line
            await queue.put(
                {"error": {"code": exc.code, "detail": exc.message, "errors": exc.errors}}
            )
        finally:
            await queue.put(None)

    task = asyncio.create_task(work())
    try:
        while (item := await queue.get()) is not None:
            yield json.dumps(item, ensure_ascii=False) + "\n"
    finally:
        await task

"""REST: files for homework and submissions (raw request body; name in the query)."""

from __future__ import annotations

from typing import Annotated, Any
from urllib.parse import quote
from uuid import UUID

from fastapi import APIRouter, Header, Query, Request
from fastapi.responses import Response

from tabel_journal.entrypoints.deps import JournalRuntime
from tabel_journal.service_layer import attachment_download, attachment_upload
from tabel_platform.errors import InvalidInput
from tabel_platform.http.security import CurrentPrincipal, CurrentSchool

router = APIRouter(prefix="/v1/journal/attachments", tags=["attachments"])


@router.post("", status_code=201)
async def upload_attachment(
    request: Request,
    principal: CurrentPrincipal,
    school: CurrentSchool,
    runtime: JournalRuntime,
    filename: Annotated[str, Query(min_length=1, max_length=200)],
    content_type: Annotated[str, Header()] = "application/octet-stream",
) -> dict[str, Any]:
    """Upload a file; attach it by id to homework or a submission."""
    limit = getattr(runtime.settings, "attachments_max_bytes", 20 * 1024 * 1024)
    data = bytearray()
    async for chunk in request.stream():
        data += chunk
        if len(data) > limit:
            raise InvalidInput("journal.attachment_too_large", code="attachment_too_large")
    return await attachment_upload.upload(
        runtime=runtime,
        school_id=school,
        principal=principal,
        filename=filename,
        content_type=content_type,
        data=bytes(data),
    )


@router.get("/{attachment_id}")
async def download_attachment(
    attachment_id: UUID, principal: CurrentPrincipal, school: CurrentSchool, runtime: JournalRuntime
) -> Response:
    """Download a file of homework or a submission (for those who may see it)."""
    meta, data = await attachment_download.download(
        runtime=runtime, school_id=school, principal=principal, attachment_id=attachment_id
    )
    return Response(
        data,
        media_type=meta["content_type"],
        headers={"Content-Disposition": f"attachment; filename*=UTF-8''{quote(meta['filename'])}"},
    )

"""REST: generated logins with one-time passwords for a class, as letters to print for the
parents (school administrator)."""

from __future__ import annotations

import asyncio
from typing import Any
from uuid import UUID

from fastapi import APIRouter, Request
from starlette.responses import Response

from tabel_identity.domain.errors import IdentityError
from tabel_identity.entrypoints.actors import actor_of
from tabel_identity.entrypoints.errors import platform_error
from tabel_identity.entrypoints.letters_pdf import render_letters
from tabel_identity.service_layer.login_letters import issue_class_logins
from tabel_identity.wiring import directory_of
from tabel_platform.http.security import CurrentPrincipal
from tabel_platform.runtime import CurrentRuntime

router = APIRouter(prefix="/v1", tags=["onboarding"])
PDF: dict[int | str, dict[str, Any]] = {
    201: {"content": {"application/pdf": {}}, "description": "letters, one page per family"}
}


@router.post(
    "/schools/{school_id}/classes/{class_id}/login-letters", status_code=201, responses=PDF
)
async def class_login_letters(
    school_id: UUID,
    class_id: UUID,
    request: Request,
    principal: CurrentPrincipal,
    runtime: CurrentRuntime,
) -> Response:
    """Generate logins for the class's students and guardians; the letters as a PDF."""
    try:
        letters = await issue_class_logins(
            runtime=runtime, directory=directory_of(runtime), school_id=school_id,
            class_id=class_id, by=actor_of(request, principal),
        )  # fmt: skip
    except IdentityError as exc:
        raise platform_error(exc) from exc
    filename = f"logins-{class_id}.pdf"
    pdf = await asyncio.to_thread(render_letters, letters)
    return Response(
        pdf, status_code=201, media_type="application/pdf",
        headers={"Content-Disposition": f'attachment; filename="{filename}"',
                 "X-Tabel-Accounts-Created": str(letters.created)},
    )  # fmt: skip

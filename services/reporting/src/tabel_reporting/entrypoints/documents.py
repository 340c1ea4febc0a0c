"""A rendered document as an HTTP download."""

from __future__ import annotations

from urllib.parse import quote

from fastapi import Response

from tabel_reporting.adapters.render import Format, render
from tabel_reporting.domain.document import Document


def document_response(doc: Document, fmt: Format, name: str) -> Response:
    body, media_type = render(doc, fmt)
    filename = quote(f"{name}.{fmt.value}")
    return Response(
        content=body,
        media_type=media_type,
        headers={"Content-Disposition": f"attachment; filename*=UTF-8''{filename}"},
    )

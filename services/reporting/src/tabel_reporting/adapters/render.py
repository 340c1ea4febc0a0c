"""A Document in the format asked for: bytes, media type, file extension."""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum

from tabel_reporting.adapters.render_csv import render_csv
from tabel_reporting.adapters.render_pdf import render_pdf
from tabel_reporting.adapters.render_xlsx import render_xlsx
from tabel_reporting.domain.document import Document


class Format(StrEnum):
    JSON = "json"
    CSV = "csv"
    XLSX = "xlsx"
    PDF = "pdf"


MEDIA_TYPES = {
    Format.CSV: "text/csv; charset=utf-8",
    Format.XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    Format.PDF: "application/pdf",
}
RENDERERS: dict[Format, Callable[[Document], bytes]] = {
    Format.CSV: render_csv,
    Format.XLSX: render_xlsx,
    Format.PDF: render_pdf,
}


def render(doc: Document, fmt: Format) -> tuple[bytes, str]:
    return RENDERERS[fmt](doc), MEDIA_TYPES[fmt]

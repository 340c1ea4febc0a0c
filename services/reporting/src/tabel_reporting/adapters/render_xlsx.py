"""XLSX (openpyxl): one sheet per table, numbers as numbers, shares formatted as percents."""

from __future__ import annotations

import io
import re

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from tabel_reporting.domain.document import Document, Kind

_FORMATS = {Kind.PERCENT: "0.0%", Kind.DECIMAL: "0.00", Kind.INT: "0"}


def render_xlsx(doc: Document) -> bytes:
    book = Workbook(write_only=False)
    if book.active is not None:  # the default empty sheet
        book.remove(book.active)
    for n, table in enumerate(doc.tables, start=1):
        sheet = book.create_sheet(_sheet_name(table.title, n))
        sheet.append([doc.title])
        sheet["A1"].font = Font(bold=True, size=13)
        for line in doc.subtitle:
            sheet.append([line])
        sheet.append([table.title])
        sheet.append([c.title for c in table.columns])
        header_row = sheet.max_row
        for cell in sheet[header_row]:
            cell.font = Font(bold=True)
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        for row in table.rows:
            sheet.append(list(row))
            for cell, column in zip(sheet[sheet.max_row], table.columns, strict=False):
                if column.kind in _FORMATS:
                    cell.number_format = _FORMATS[column.kind]
        sheet.column_dimensions["A"].width = 8
        sheet.column_dimensions["B"].width = 36
        if doc.notes:
            sheet.append([])
            for note in doc.notes:
                sheet.append([note])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _sheet_name(title: str, n: int) -> str:
    clean = re.sub(r"[\[\]:*?/\\]", " ", title).strip()
    return f"{n}. {clean}"[:31]

"""Reading an uploaded table (CSV or XLSX) into a header and rows of strings."""

from __future__ import annotations

import csv
import io
from datetime import date, datetime

from openpyxl import load_workbook  # until types-openpyxl is in dev

XLSX_MAGIC = b"PK\x03\x04"
MAX_ROWS = 20_000


class UnreadableTable(ValueError):
    pass


def read_table(content: bytes) -> tuple[list[str], list[list[str]]]:
    """The header (first non-empty row) and the data rows, every cell as stripped text."""
    rows = _xlsx(content) if content.startswith(XLSX_MAGIC) else _csv(content)
    rows = [r for r in rows if any(c for c in r)]
    if not rows:
        raise UnreadableTable("empty")
    if len(rows) > MAX_ROWS + 1:
        raise UnreadableTable("too many rows")
    return rows[0], rows[1:]


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        return value.strftime("%d.%m.%Y")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _xlsx(content: bytes) -> list[list[str]]:
    try:
        book = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a broken file
        raise UnreadableTable(str(exc)) from exc
    try:
        sheet = book.worksheets[0]
        return [[_cell(v) for v in row] for row in sheet.iter_rows(values_only=True)]
    finally:
        book.close()


def _csv(content: bytes) -> list[list[str]]:
    for encoding in ("utf-8-sig", "cp1251"):  # Excel in Russia saves CSV as cp1251
        try:
            text = content.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise UnreadableTable("encoding")
    if "\x00" in text:
        raise UnreadableTable("binary")
    first = text.split("\n", 1)[0]
    delimiter = max(";,\t", key=first.count)
    return [[c.strip() for c in row] for row in csv.reader(io.StringIO(text), delimiter=delimiter)]

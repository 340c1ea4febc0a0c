"""Rows of a paper journal kept during an outage (seed 002 §3), as a CSV file: reading the
file; each row's cells are checked in paper_cells.py. Neither needs the database. Each problem
names its row, column and a message from the catalog.

The file comes from a person's spreadsheet, so anything may be in it: every way it can fail
to be a journal (another encoding, binary data, a one-column or mis-quoted file, a huge
line) is a problem on its row, never an exception."""

from __future__ import annotations

import csv
import io
from datetime import date

from tabel_journal.domain.paper_cells import COLUMNS, PaperRow, Problem, problem, row_of

MAX_LINE = 10_000  # every column at paper_cells.MAX_CELL fits: a longer line is no journal row
_EXTRA = "\x00"  # the key of cells past the header's (no header has it: NUL is refused)


def parse(data: bytes, today: date | None = None) -> tuple[list[PaperRow], list[Problem]]:
    try:
        raw = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return [], [problem(data.count(b"\n", 0, exc.start) + 1, "", "not_utf8")]
    if "\x00" in raw:  # a binary file (and PostgreSQL's text takes no NUL)
        return [], [problem(raw.count("\n", 0, raw.index("\x00")) + 1, "", "not_text")]
    lines = raw.splitlines()
    if not raw.strip():
        return [], [problem(1, "", "empty")]
    long = next((n for n, line in enumerate(lines, start=1) if len(line) > MAX_LINE), None)
    if long is not None:
        return [], [problem(long, "", "line_too_long", limit=MAX_LINE)]
    reader = csv.DictReader(io.StringIO(raw), dialect=_dialect(lines[0]), restkey=_EXTRA)
    return _read(reader, today or date.today())


def _dialect(header: str) -> type[csv.Dialect]:
    try:
        return csv.Sniffer().sniff(header, delimiters=",;\t")
    except csv.Error:  # one column, or another separator: the header check names what lacks
        return csv.excel


def _read(reader: csv.DictReader[str], today: date) -> tuple[list[PaperRow], list[Problem]]:
    rows: list[PaperRow] = []
    errors: list[Problem] = []
    n = 0  # the row read last
    try:
        header = [h.strip() for h in reader.fieldnames or ()]
        n = 1
        missing = [c for c in COLUMNS[:4] if c not in header]
        if missing:
            columns = ", ".join(missing)
            return [], [problem(1, ",".join(missing), "missing_columns", columns=columns)]
        for n, raw_row in enumerate(reader, start=2):
            extra = raw_row.pop(_EXTRA, None)  # cells past the header's columns
            cells = {(k or "").strip(): (v or "").strip() for k, v in raw_row.items()}
            if extra and any(str(x).strip() for x in extra):
                errors.append(problem(n, "", "extra_cells"))
            elif any(cells.values()):
                row, found = row_of(n, cells, today)
                errors += found
                rows += [row] if row else []
    except csv.Error:  # a quote never closed, around more than csv takes in one cell, say
        return [], [problem(n + 1, "", "invalid_format", row=n + 1)]
    if not rows and not errors:
        errors.append(problem(1, "", "empty"))
    return rows, errors

"""Rows of a paper journal kept during an outage (seed 002 §3), as a CSV file: parsing and
the format checks that need no database. Each problem names its row, column and a message
from the catalog (`journal.paper.<code>`, else `journal.<code>`).

The file comes from a person's spreadsheet, so anything may be in it: every way it can fail
to be a journal (another encoding, binary data, a one-column or mis-quoted file, a huge
line) is a problem on its row, never an exception."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import date, datetime
from uuid import UUID

from tabel_platform.i18n import has, translate

# The first four are required. `recorded_on`: the day the entry was made on paper (ДД.ММ.ГГГГ
# or ГГГГ-ММ-ДД); its timeliness is judged by that day rather than by the import's.
COLUMNS = (
    "lesson_id",
    "student_id",
    "kind",
    "value",
    "work_type",
    "late_minutes",
    "reason",
    "recorded_on",
)
KINDS = {
    "mark": "mark",
    "отметка": "mark",
    "attendance": "attendance",
    "посещаемость": "attendance",
}
STATUSES = {
    "absent": "absent",
    "н": "absent",
    "ill": "ill",
    "б": "ill",
    "excused": "excused",
    "у": "excused",
    "late": "late",
    "оп": "late",
}
MAX_CELL = 500  # the longest value the journal takes from a cell (an absence reason)
MAX_LINE = 10_000  # every column at MAX_CELL still fits: a longer line is no journal row
_EXTRA = "\x00"  # the key of cells past the header's (no header has it: NUL is refused)


@dataclass(frozen=True)
class PaperRow:
    row: int  # as a spreadsheet shows it: the header is row 1
    lesson_id: UUID
    student_id: UUID
    kind: str
    value: str
    work_type: str
    late_minutes: int
    reason: str
    recorded_on: date | None = None


Problem = dict[str, object]


def problem(row: int, column: str, code: str, /, **params: object) -> Problem:
    key = f"journal.paper.{code}" if has(f"journal.paper.{code}") else f"journal.{code}"
    return {"row": row, "column": column, "code": code, "message": translate(key, **params)}


def _day(text: str) -> date:
    for pattern in ("%d.%m.%Y", "%Y-%m-%d"):
        try:
            return datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    raise ValueError(text)


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
                row, found = _row(n, cells, today)
                errors += found
                rows += [row] if row else []
    except csv.Error:  # a quote never closed, around more than csv takes in one cell, say
        return [], [problem(n + 1, "", "invalid_format", row=n + 1)]
    if not rows and not errors:
        errors.append(problem(1, "", "empty"))
    return rows, errors


def _row(n: int, cells: dict[str, str], today: date) -> tuple[PaperRow | None, list[Problem]]:
    too_long = [c for c, v in cells.items() if c in COLUMNS and len(v) > MAX_CELL]
    if too_long:
        return None, [problem(n, c, "too_long", limit=MAX_CELL) for c in too_long]
    errors = []
    ids: dict[str, UUID] = {}
    for col in ("lesson_id", "student_id"):
        try:
            ids[col] = UUID(cells.get(col, ""))
        except ValueError:
            errors.append(problem(n, col, "invalid_uuid"))
    kind = KINDS.get(cells.get("kind", "").lower())
    if kind is None:
        errors.append(problem(n, "kind", "unknown_kind"))
    value = cells.get("value", "")
    if kind == "attendance":
        value = STATUSES.get(value.lower(), "")
        if not value:
            errors.append(problem(n, "value", "unknown_status"))
    elif not value:
        errors.append(problem(n, "value", "required"))
    work_type = cells.get("work_type", "")
    if kind == "mark" and not work_type:
        errors.append(problem(n, "work_type", "required"))
    minutes = cells.get("late_minutes", "") or "0"
    # isdecimal: "²" is a digit int() does not read; three digits cover the 300 allowed.
    late = int(minutes) if minutes.isdecimal() and len(minutes) <= 3 else -1
    if value == "late" and not 1 <= late <= 300:
        errors.append(problem(n, "late_minutes", "invalid_minutes"))
    recorded_on: date | None = None
    if cells.get("recorded_on"):
        try:
            recorded_on = _day(cells["recorded_on"])
        except ValueError:
            errors.append(problem(n, "recorded_on", "invalid_date"))
        if recorded_on and recorded_on > today:
            errors.append(problem(n, "recorded_on", "date_in_future"))
    if len(ids) < 2 or kind is None or not (value or kind == "mark"):
        return None, errors
    return PaperRow(
        n,
        ids["lesson_id"],
        ids["student_id"],
        kind,
        value,
        work_type,
        max(late, 0),
        cells.get("reason", ""),
        recorded_on,
    ), errors

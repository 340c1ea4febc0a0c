"""One row of a paper journal's CSV file (paper_rows.py reads the file): its cells checked
and turned into a PaperRow. Each problem names its row, column and a message from the catalog
(`journal.paper.<code>`, else `journal.<code>`)."""

from __future__ import annotations

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


def row_of(n: int, cells: dict[str, str], today: date) -> tuple[PaperRow | None, list[Problem]]:
    """Row `n`'s cells (by column) as a PaperRow, None if they make none, and their problems."""
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

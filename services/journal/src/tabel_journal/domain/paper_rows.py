"""Rows of a paper journal kept during an outage (seed 002 §3), as a CSV file: parsing and
the format checks that need no database. Each problem names its row, column and a Russian
message."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import date, datetime
from uuid import UUID

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
MESSAGES = {
    "missing_columns": "В файле нет обязательных столбцов.",
    "invalid_uuid": "Ожидается идентификатор (UUID).",
    "unknown_kind": "Тип записи: «отметка» или «посещаемость».",
    "required": "Поле обязательно.",
    "unknown_status": "Посещаемость: н, б, у или оп.",
    "invalid_minutes": "Минуты опоздания — целое число от 1 до 300.",
    "not_utf8": "Файл должен быть в кодировке UTF-8.",
    "empty": "В файле нет строк с записями.",
    "invalid_date": "Дата записи — в виде ДД.ММ.ГГГГ.",
    "date_in_future": "Дата записи не может быть позже сегодняшнего дня.",
}


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


def problem(row: int, column: str, code: str, message: str | None = None) -> dict[str, object]:
    return {"row": row, "column": column, "code": code, "message": message or MESSAGES[code]}


def _day(text: str) -> date:
    for pattern in ("%d.%m.%Y", "%Y-%m-%d"):
        try:
            return datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    raise ValueError(text)


def parse(data: bytes, today: date | None = None) -> tuple[list[PaperRow], list[dict[str, object]]]:
    try:
        raw = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return [], [problem(1, "", "not_utf8")]
    dialect = csv.Sniffer().sniff(raw.splitlines()[0] if raw else ",", delimiters=",;\t")
    reader = csv.DictReader(io.StringIO(raw), dialect=dialect)
    header = [h.strip() for h in reader.fieldnames or ()]
    missing = [c for c in COLUMNS[:4] if c not in header]
    if missing:
        return [], [problem(1, ",".join(missing), "missing_columns")]
    rows, errors = [], []
    for n, raw_row in enumerate(reader, start=2):
        cells = {(k or "").strip(): (v or "").strip() for k, v in raw_row.items()}
        if not any(cells.values()):
            continue
        found: dict[str, object] = {}
        for col in ("lesson_id", "student_id"):
            try:
                found[col] = UUID(cells.get(col, ""))
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
        late = int(minutes) if minutes.isdigit() else -1
        if value == "late" and not 1 <= late <= 300:
            errors.append(problem(n, "late_minutes", "invalid_minutes"))
        recorded_on: date | None = None
        if cells.get("recorded_on"):
            try:
                recorded_on = _day(cells["recorded_on"])
            except ValueError:
                errors.append(problem(n, "recorded_on", "invalid_date"))
            if recorded_on and recorded_on > (today or date.today()):
                errors.append(problem(n, "recorded_on", "date_in_future"))
        if len(found) == 2 and kind and (value or kind == "mark"):
            rows.append(
                PaperRow(
                    n,
                    found["lesson_id"],  # type: ignore[arg-type]
                    found["student_id"],  # type: ignore[arg-type]
                    kind,
                    value,
                    work_type,
                    max(late, 0),
                    cells.get("reason", ""),
                    recorded_on,
                )
            )
    if not rows and not errors:
        errors.append(problem(1, "", "empty"))
    return rows, errors

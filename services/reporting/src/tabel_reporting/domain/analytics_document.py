"""Analytics answers as printable documents (aggregates only)."""

from __future__ import annotations

from typing import Any

from tabel_reporting.domain.analytics import ANALYTICS_FORMULAS, GroupRates
from tabel_reporting.domain.class_progress_document import RATE_COLUMNS, rate_cells
from tabel_reporting.domain.document import Cell, Column, Document, Kind, Table

KEY_TITLES = {
    "municipality_id": "Муниципалитет",
    "school_name": "Школа",
    "grade_level": "Параллель",
    "subject": "Предмет",
    "academic_year_start": "Учебный год",
    "term_number": "Период",
}
HIDDEN_KEYS = {"school_id"}


def analytics_document(
    title: str, subtitle: list[str], total: GroupRates, groups: list[GroupRates]
) -> Document:
    keys = [k for k in (groups[0].keys if groups else {}) if k not in HIDDEN_KEYS]
    table = Table(
        "Показатели",
        [Column(KEY_TITLES.get(k, k)) for k in keys]
        + [Column("N (итогов)", Kind.INT), *RATE_COLUMNS],
    )
    for group in [*groups, total]:
        cells: list[Cell] = [_key(group.keys.get(k), k) for k in keys] if group.keys else []
        if not group.keys:
            cells = ["Всего", *([""] * (len(keys) - 1))] if keys else []
        if group.suppressed or group.rates is None:
            table.rows.append([*cells, "скрыто (< 5 обучающихся)", None, None, None, None])
        else:
            table.rows.append([*cells, group.rates.students, *rate_cells(group.rates)])
    return Document(title=title, subtitle=subtitle, tables=[table], notes=list(ANALYTICS_FORMULAS))


def _key(value: Any, key: str) -> Cell:
    if key == "academic_year_start" and isinstance(value, int):
        return f"{value}/{value + 1}"
    return value if isinstance(value, int | str) or value is None else str(value)

"""Teachers' timeliness: journal entries made after the deadlines of the school's rules.

The journal decides, when an entry is made, whether it is on time (seed 002: attendance
and the lesson on the lesson's day, marks within the week; seed 003 II.3.5: homework
within two hours of the teacher's last lesson) and says so in its events (`on_time`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from uuid import UUID

from tabel_reporting.domain.document import Cell, Column, Document, Kind, Table

KINDS = {"marks": "Отметки", "attendance": "Посещаемость", "homework": "Домашние задания"}
MONTHS = (
    "январь", "февраль", "март", "апрель", "май", "июнь",
    "июль", "август", "сентябрь", "октябрь", "ноябрь", "декабрь",
)  # fmt: skip


@dataclass(frozen=True)
class Entries:
    teacher_id: UUID
    month: date
    kind: str
    total: int
    late: int


def month_name(month: date) -> str:
    return f"{MONTHS[month.month - 1]} {month.year}"


def timeliness_document(
    *, school_name: str, period_name: str, entries: list[Entries], names: dict[UUID, str]
) -> Document:
    lines: dict[tuple[str, date, UUID], dict[str, Entries]] = {}
    for e in entries:
        lines.setdefault((names.get(e.teacher_id, ""), e.month, e.teacher_id), {})[e.kind] = e
    columns = [Column("Учитель"), Column("Месяц")]
    for title in KINDS.values():
        columns += [Column(f"{title}: всего", Kind.INT), Column(f"{title}: с опозданием", Kind.INT)]
    columns.append(Column("Вовремя", Kind.PERCENT))
    table = Table("Своевременность заполнения журнала", columns)
    for (name, month, _), kinds in sorted(lines.items()):
        row: list[Cell] = [name, month_name(month)]
        total = late = 0
        for kind in KINDS:
            found = kinds.get(kind)
            kind_total, kind_late = (found.total, found.late) if found else (0, 0)
            row += [kind_total, kind_late]
            total, late = total + kind_total, late + kind_late
        row.append((total - late) / total if total else None)
        table.rows.append(row)
    return Document(
        title="Своевременность заполнения журнала учителями",
        subtitle=[school_name, period_name],
        tables=[table],
        notes=[
            "Сроки: темы уроков и посещаемость — в день урока; отметки — не позднее недели "
            "со дня работы; домашнее задание — не позднее 2 часов после последнего урока "
            "учителя (положения школы об ЭЖ)",
            "Месяц — по дате урока, к которому относится запись",
        ],
    )

"""The weekly printout of a student's marks and absences, for guardians who do not use the
electronic diary (seed 003, 3.8: at least once a week, on paper)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from uuid import UUID

from tabel_reporting.domain.attendance_report import REASONS
from tabel_reporting.domain.document import Column, Document, Table

WEEKDAYS = ("пн", "вт", "ср", "чт", "пт", "сб", "вс")


@dataclass(frozen=True)
class Entry:
    day: date
    subject_id: UUID | None
    text: str  # a mark value, or an absence code


def weekly_document(
    *,
    student: str,
    class_name: str,
    week_start: date,
    subjects: dict[UUID, str],
    marks: list[Entry],
    absences: list[Entry],
) -> Document:
    days = [week_start + timedelta(days=n) for n in range(6)]
    table = Table("Отметки", [Column("Предмет")] + [Column(_day(d)) for d in days])
    for subject_id, name in sorted(subjects.items(), key=lambda kv: kv[1].lower()):
        cells = [
            " ".join(m.text for m in marks if m.subject_id == subject_id and m.day == d)
            for d in days
        ]
        table.rows.append([name, *cells])
    missed = Table("Пропуски и опоздания", [Column("Дата"), Column("Предмет"), Column("Отметка")])
    for a in absences:
        missed.rows.append(
            [_day(a.day), subjects.get(a.subject_id, "") if a.subject_id else "", a.text]
        )
    end = week_start + timedelta(days=6)
    return Document(
        title="Сведения об успеваемости и посещаемости за неделю",
        subtitle=[
            f"{student}, класс {class_name}",
            f"Неделя с {week_start:%d.%m.%Y} по {end:%d.%m.%Y}",
        ],
        tables=[table, missed],
        notes=[
            "н — без уважительной причины, б — по болезни, у — по уважительной причине, "
            "оп — опоздание",
            "Классный руководитель: __________   Родитель (законный представитель): __________",
        ],
    )


def absence_code(status: int) -> str:
    return REASONS.get(status, "")


def _day(d: date) -> str:
    return f"{WEEKDAYS[d.weekday()]} {d:%d.%m}"

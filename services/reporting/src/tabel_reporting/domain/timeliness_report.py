"""Teachers' timeliness: journal entries made after the deadlines of the school's rules.

The journal decides, when an entry is made, whether it is on time and says so in its events
(`on_time`): seed 002 2.5 attendance on the lesson's day, 2.6 marks by the next lesson (a week
for written work) and final marks by the last day of the period; seed 004 3.2.3 the topic on
the lesson's day; seed 003 II.3.5 homework within two hours of the teacher's last lesson.
Taking attendance is counted per lesson, so a lesson where everyone was present counts too,
and a held lesson whose attendance was never taken shows as such.

Entries whose timeliness is unknown (events from before the journal judged them) are counted
nowhere: neither on time nor late.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from uuid import UUID

from tabel_reporting.domain.document import Cell, Column, Document, Kind, Table

# Entries per teacher: how many, and how many late.
KINDS = {"marks": "Отметки", "attendance": "Посещаемость", "homework": "Домашние задания"}
# Judged later: how many on time and how many late (the unknown ones are in neither).
JUDGED = {
    "topics": "Темы уроков",
    "attendance_taken": "Учёт посещаемости на уроке",
    "final_marks": "Итоговые отметки",
}
NEVER = {"attendance_taken": "не проведён"}
CLASS_NOTE = (
    "По классу: отметки, итоговые отметки и пропуски обучающихся, бывших в классе в день "
    "записи; темы, домашние задания и учёт посещаемости — уроков этого класса"
)
MONTHS = (
    "январь", "февраль", "март", "апрель", "май", "июнь",
    "июль", "август", "сентябрь", "октябрь", "ноябрь", "декабрь",
)  # fmt: skip


@dataclass(frozen=True)
class Entries:
    teacher_id: UUID
    month: date
    kind: str
    on_time: int
    late: int
    never: int = 0  # attendance_taken: held lessons whose attendance was never taken

    @property
    def total(self) -> int:
        return self.on_time + self.late + self.never


def month_name(month: date) -> str:
    return f"{MONTHS[month.month - 1]} {month.year}"


def _columns() -> list[Column]:
    columns = [Column("Учитель"), Column("Месяц")]
    for title in KINDS.values():
        columns += [Column(f"{title}: всего", Kind.INT), Column(f"{title}: с опозданием", Kind.INT)]
    for kind, title in JUDGED.items():
        columns += [
            Column(f"{title}: вовремя", Kind.INT),
            Column(f"{title}: с опозданием", Kind.INT),
        ]
        if kind in NEVER:
            columns.append(Column(f"{title}: {NEVER[kind]}", Kind.INT))
    columns.append(Column("Вовремя", Kind.PERCENT))
    return columns


def _cells(kinds: dict[str, Entries]) -> list[Cell]:
    """The counts of one teacher and month, then the share of all entries made on time."""
    none = Entries(UUID(int=0), date.min, "", 0, 0)
    row: list[Cell] = []
    for kind in KINDS:
        found = kinds.get(kind, none)
        row += [found.total, found.late]
    for kind in JUDGED:
        found = kinds.get(kind, none)
        row += [found.on_time, found.late, *([found.never] if kind in NEVER else [])]
    total = sum(e.total for k, e in kinds.items() if k in KINDS or k in JUDGED)
    on_time = sum(e.on_time for k, e in kinds.items() if k in KINDS or k in JUDGED)
    row.append(on_time / total if total else None)
    return row


def timeliness_document(
    *,
    school_name: str,
    period_name: str,
    entries: list[Entries],
    names: dict[UUID, str],
    class_name: str | None = None,
) -> Document:
    """The school's teachers, or with `class_name` those who made entries in that class (seed
    004 3.2.2: the class teacher checks that subject teachers mark on time)."""
    lines: dict[tuple[str, date, UUID], dict[str, Entries]] = {}
    for e in entries:
        lines.setdefault((names.get(e.teacher_id, ""), e.month, e.teacher_id), {})[e.kind] = e
    table = Table("Своевременность заполнения журнала", _columns())
    for (name, month, _), kinds in sorted(lines.items()):
        table.rows.append([name, month_name(month), *_cells(kinds)])
    return Document(
        title="Своевременность заполнения журнала учителями",
        subtitle=[school_name, *([f"Класс {class_name}"] if class_name else []), period_name],
        tables=[table],
        notes=[
            "Сроки: темы уроков и посещаемость — в день урока; отметки — не позднее следующего "
            "урока (письменные работы — недели); домашнее задание — не позднее 2 часов после "
            "последнего урока учителя; итоговые отметки — не позднее последнего дня учебного "
            "периода (положения школы об ЭЖ)",
            "Учёт посещаемости «не проведён» — прошедший урок без отметки об учёте "
            "посещаемости и без записей о пропусках",
            "Записи, о сроках которых журнал ещё не сообщал, не учитываются ни как "
            "своевременные, ни как запоздавшие",
            "Месяц — по дате урока, к которому относится запись; для итоговых отметок — по "
            "дню выставления",
            *([CLASS_NOTE] if class_name else []),
        ],
    )

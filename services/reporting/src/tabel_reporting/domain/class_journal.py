"""The printable class journal of a term or a year (seed 004 3.2.4: printed at the end of
each period, bound and kept; archived on paper at the end of the year): every lesson with
its topic and homework, who was absent, every mark, and the final marks."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from uuid import UUID

from tabel_reporting.domain.document import Cell, Column, Document, Kind, Table


@dataclass(frozen=True)
class LessonLine:
    lesson_id: UUID
    day: date
    period: int
    subject_id: UUID | None
    subject_name: str
    topic: str
    homework: str


def class_journal_document(
    *,
    class_name: str,
    period_name: str,
    lessons: list[LessonLine],
    absences: dict[UUID, list[str]],  # lesson -> ["Фамилия И. н"]
    marks: dict[UUID, list[str]],  # lesson -> ["Фамилия И. 5"]
    finals: list[tuple[str, str, str]],  # subject, student, value
) -> Document:
    subjects: dict[str, list[LessonLine]] = {}
    for lesson in lessons:
        subjects.setdefault(lesson.subject_name or "Предмет не указан", []).append(lesson)
    tables = []
    for name in sorted(subjects, key=str.lower):
        table = Table(
            name,
            [
                Column("№", Kind.INT),
                Column("Дата"),
                Column("Урок", Kind.INT),
                Column("Тема урока"),
                Column("Домашнее задание"),
                Column("Отсутствовали"),
                Column("Отметки"),
            ],
        )
        for n, lesson in enumerate(subjects[name], start=1):
            row: list[Cell] = [
                n,
                f"{lesson.day:%d.%m.%Y}",
                lesson.period,
                lesson.topic or "(тема не записана)",
                lesson.homework or "",
                ", ".join(absences.get(lesson.lesson_id, [])),
                ", ".join(marks.get(lesson.lesson_id, [])),
            ]
            table.rows.append(row)
        tables.append(table)
    if finals:
        final_table = Table(
            "Итоговые отметки", [Column("Предмет"), Column("Обучающийся"), Column("Отметка")]
        )
        final_table.rows += [list(f) for f in sorted(finals)]
        tables.append(final_table)
    return Document(
        title="Классный журнал",
        subtitle=[f"Класс {class_name}, {period_name}", f"Уроков: {len(lessons)}"],
        tables=tables,
        notes=[
            "Распечатка электронного журнала для хранения на бумажном носителе",
            "Заместитель директора по УВР: ____________   Дата: ____________",
        ],
    )


def short_name(full: str) -> str:
    """ "Алексеева Анна Петровна" -> "Алексеева А. П." (as the paper journal writes it)."""
    parts = full.split()
    if not parts:
        return full
    return " ".join([parts[0], *(f"{p[0]}." for p in parts[1:3] if p)])

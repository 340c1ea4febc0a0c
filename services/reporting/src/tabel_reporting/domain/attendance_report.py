"""Attendance by reason (н, б, у, оп) per student, per subject and for the class."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from uuid import UUID

from tabel_reporting.domain.class_progress import Student, Subject
from tabel_reporting.domain.document import Cell, Column, Document, Kind, Table

REASONS = {2: "н", 3: "б", 4: "у", 5: "оп"}  # absent, ill, excused, late
MISSED = (2, 3, 4)  # a late arrival is not a missed lesson
LEGEND = "н — без уважительной причины, б — по болезни, у — по уважительной причине, оп — опоздание"


@dataclass(frozen=True)
class Absence:
    student_id: UUID
    subject_id: UUID | None
    status: int


def _columns(first: list[Column]) -> list[Column]:
    reasons = [Column(code, Kind.INT) for code in REASONS.values()]
    return [*first, *reasons, Column("Пропущено уроков", Kind.INT)]


def _cells(counts: Counter[int]) -> list[Cell]:
    return [*(counts[s] for s in REASONS), sum(counts[s] for s in MISSED)]


def attendance_document(
    *,
    class_name: str,
    period_name: str,
    students: list[Student],
    subjects: list[Subject],
    absences: Iterable[Absence],
) -> Document:
    by_student: dict[UUID, Counter[int]] = {s.id: Counter() for s in students}
    by_subject: dict[UUID | None, Counter[int]] = {s.id: Counter() for s in subjects}
    total: Counter[int] = Counter()
    for a in absences:
        if a.status not in REASONS or a.student_id not in by_student:
            continue
        by_student[a.student_id][a.status] += 1
        by_subject.setdefault(a.subject_id, Counter())[a.status] += 1
        total[a.status] += 1
    students_table = Table(
        "По обучающимся", _columns([Column("№", Kind.INT), Column("Обучающийся")])
    )
    for n, s in enumerate(students, start=1):
        students_table.rows.append([n, s.name, *_cells(by_student[s.id])])
    students_table.rows.append([None, "Итого по классу", *_cells(total)])
    names: dict[UUID | None, str] = {s.id: s.name for s in subjects}
    subjects_table = Table("По предметам", _columns([Column("Предмет")]))
    for subject_id, counts in by_subject.items():
        subjects_table.rows.append([names.get(subject_id, "Предмет не указан"), *_cells(counts)])
    return Document(
        title="Посещаемость по причинам пропусков",
        subtitle=[f"Класс {class_name}, {period_name}"],
        tables=[students_table, subjects_table],
        notes=[LEGEND],
    )

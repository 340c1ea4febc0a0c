"""The class progress report as a printable document."""

from __future__ import annotations

from datetime import datetime

from tabel_reporting.domain.class_progress import ClassProgress
from tabel_reporting.domain.document import Cell, Column, Document, Kind, Table
from tabel_reporting.domain.progress import FORMULAS, Outcome, Rates, Result

RESULT_LABELS = {
    Outcome.NOT_CERTIFIED: "н/а",
    Outcome.EXEMPT: "осв",
    Outcome.PASS_FAIL: "зач.",
    Outcome.NO_MARKS: "",
}
RATE_COLUMNS = [
    Column("Успеваемость", Kind.PERCENT),
    Column("Качество знаний", Kind.PERCENT),
    Column("СОУ", Kind.PERCENT),
    Column("Средний балл", Kind.DECIMAL),
]


def rate_cells(rates: Rates) -> list[Cell]:
    return [rates.pass_rate, rates.quality_rate, rates.degree_of_learning, rates.average_mark]


def result_label(result: Result) -> str:
    if result.outcome is Outcome.GRADE:
        return f"{result.grade}" + ("*" if result.forecast else "")
    return RESULT_LABELS[result.outcome]


def class_progress_document(report: ClassProgress, as_of: datetime | None) -> Document:
    by_subject = Table(
        "Итоги по предметам",
        [Column("Предмет"), Column("N", Kind.INT)]
        + [Column(f"«{g}»", Kind.INT) for g in (5, 4, 3, 2)]
        + [Column("н/а", Kind.INT), Column("осв", Kind.INT), Column("без отметок", Kind.INT)]
        + RATE_COLUMNS,
    )
    for line in report.subjects:
        c = line.counts
        grades: list[Cell] = [c.by_grade[g] for g in (5, 4, 3, 2)]
        by_subject.rows.append(
            [
                line.subject.name,
                line.rates.students,
                *grades,
                c.not_certified,
                c.exempt,
                c.no_marks,
                *rate_cells(line.rates),
            ]
        )
    total = report.total
    blanks: list[Cell] = [None] * 7
    by_subject.rows.append(["Итого по классу", total.students, *blanks, *rate_cells(total)])
    by_student = Table(
        "Итоги обучающихся (* — прогноз по текущим отметкам, итоговая ещё не выставлена)",
        [Column("№", Kind.INT), Column("Обучающийся")]
        + [Column(s.subject.name) for s in report.subjects]
        + [
            Column("Средний балл", Kind.DECIMAL),
            Column("Пропущено уроков", Kind.INT),
            Column("из них по болезни и уважительной причине", Kind.INT),
        ],
    )
    for n, student in enumerate(report.students, start=1):
        results: list[Cell] = [result_label(student.results[s.subject.id]) for s in report.subjects]
        by_student.rows.append(
            [
                n,
                student.student.name,
                *results,
                student.average_mark,
                student.lessons_missed,
                student.lessons_missed_excused,
            ]
        )
    subtitle = [f"Класс {report.class_name}, {report.term_name}"]
    if report.attendance_rate is not None:
        rate = f"{report.attendance_rate * 100:.1f}".replace(".", ",")
        subtitle.append(f"Посещаемость: {rate} % проведённых уроков")
    if as_of is not None:
        subtitle.append(f"Данные журнала на {as_of:%d.%m.%Y %H:%M} UTC")
    return Document(
        title="Отчёт об успеваемости и качестве знаний",
        subtitle=subtitle,
        tables=[by_subject, by_student],
        notes=["Формулы:", *FORMULAS],
    )

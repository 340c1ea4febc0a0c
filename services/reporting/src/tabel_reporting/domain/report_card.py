"""A student's report card (табель успеваемости) for a term or for the year."""

from __future__ import annotations

from dataclasses import dataclass
from uuid import UUID

from tabel_reporting.domain.class_progress import Subject
from tabel_reporting.domain.class_progress_document import result_label
from tabel_reporting.domain.document import Cell, Column, Document, Kind, Table
from tabel_reporting.domain.progress import Tally, result_of

FINAL_LABELS = {"not_certified": "н/а", "exempt": "осв", "pass": "зач.", "fail": "не зач."}


def final_label(value: str | None) -> str:
    return FINAL_LABELS.get(value or "", value or "")


@dataclass(frozen=True)
class TermCard:
    marks: dict[UUID, list[str]]  # subject -> current marks in order
    tallies: dict[UUID, Tally]  # subject -> tally with the term's final mark


def term_card_document(
    *, student: str, class_name: str, period_name: str, subjects: list[Subject], card: TermCard
) -> Document:
    table = Table(
        "Отметки",
        [
            Column("Предмет"),
            Column("Текущие отметки"),
            Column("Средний балл", Kind.DECIMAL),
            Column("Итог за период"),
        ],
    )
    for subject in subjects:
        tally = card.tallies.get(subject.id, Tally())
        table.rows.append(
            [
                subject.name,
                " ".join(card.marks.get(subject.id, [])),
                tally.average,
                result_label(result_of(tally)),
            ]
        )
    return Document(
        title="Табель успеваемости",
        subtitle=[f"{student}, класс {class_name}", period_name],
        tables=[table],
        notes=["* — прогноз по текущим отметкам: итоговая отметка за период ещё не выставлена"],
        landscape=False,
    )


def year_card_document(
    *,
    student: str,
    class_name: str,
    period_name: str,
    subjects: list[Subject],
    terms: list[tuple[UUID, str]],  # term id, short name
    finals: dict[tuple[UUID, UUID], str],  # (subject, term or year id) -> value
    year_id: UUID,
) -> Document:
    table = Table(
        "Итоговые отметки",
        [Column("Предмет"), *(Column(name) for _, name in terms), Column("Год")],
    )
    for subject in subjects:
        row: list[Cell] = [subject.name]
        row += [final_label(finals.get((subject.id, term_id))) for term_id, _ in terms]
        row.append(final_label(finals.get((subject.id, year_id))))
        table.rows.append(row)
    return Document(
        title="Табель успеваемости за учебный год",
        subtitle=[f"{student}, класс {class_name}", period_name],
        tables=[table],
        landscape=False,
    )

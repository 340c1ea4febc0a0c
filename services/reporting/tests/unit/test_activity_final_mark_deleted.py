"""A deleted final mark (journal's FinalMarkDeleted) is counted in the monthly activity
report with the final marks, not under «Прочее»."""

from __future__ import annotations

from datetime import date
from uuid import uuid4

from tabel_reporting.domain.activity_report import activity_document


def test_deleted_final_marks_are_counted_with_the_final_marks() -> None:
    teacher = uuid4()
    doc = activity_document(
        school_name="Школа № 7",
        month=date(2026, 12, 1),
        counts={
            teacher: {
                "final_mark.set": 3,
                "final_mark.deleted": 2,
                "mark.deleted": 1,
                "person.created": 1,
            }
        },
        names={teacher: "Смирнов Олег Ильич"},
        roles={teacher: {1}},
    )
    people = doc.tables[0]
    titles = [c.title for c in people.columns]
    assert titles.count("Итоговые отметки") == 1
    row = dict(zip(titles, people.rows[0], strict=True))
    assert row["Итоговые отметки"] == 5 and row["Отметки удалены"] == 1
    assert row["Прочее"] == 1 and row["Всего действий"] == 7
    assert "Итоговые отметки — выставленные, исправленные и удалённые." in doc.notes

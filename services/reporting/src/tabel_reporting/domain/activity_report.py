"""User activity per month (seed 004 3.2.1: monthly, for the deputy director): what each
person did in the journal, counted from the events they caused.

Logins are not in it yet: identity emits no login event. Reporting will count them when
identity publishes `tabel.identity.login.succeeded.v1` with subject, account_id, person_id,
school_id and the time (the envelope's), one per successful login.
"""

from __future__ import annotations

from datetime import date
from uuid import UUID

from tabel_reporting.domain.document import Cell, Column, Document, Kind, Table
from tabel_reporting.domain.timeliness_report import month_name

ACTIONS = {
    "mark.recorded": "Отметки выставлены",
    "mark.changed": "Отметки исправлены",
    "mark.deleted": "Отметки удалены",
    "attendance.recorded": "Посещаемость",
    "final_mark.set": "Итоговые отметки",
    "lesson_record.updated": "Темы уроков",
    "homework.assigned": "Домашние задания",
}


def activity_document(
    *,
    school_name: str,
    month: date,
    counts: dict[UUID, dict[str, int]],  # person -> action -> events
    names: dict[UUID, str],
) -> Document:
    table = Table(
        "Действия в журнале",
        [Column("Пользователь")]
        + [Column(title, Kind.INT) for title in ACTIONS.values()]
        + [Column("Прочее", Kind.INT), Column("Всего", Kind.INT)],
    )
    for person in sorted(counts, key=lambda p: (names.get(p, ""), str(p))):
        mine = counts[person]
        known: list[Cell] = [mine.get(a, 0) for a in ACTIONS]
        other = sum(v for a, v in mine.items() if a not in ACTIONS)
        table.rows.append([names.get(person, ""), *known, other, sum(mine.values())])
    return Document(
        title="Активность пользователей электронного журнала",
        subtitle=[school_name, month_name(month)],
        tables=[table],
        notes=["Входы в систему пока не учитываются: сервис учётных записей их не публикует"],
    )

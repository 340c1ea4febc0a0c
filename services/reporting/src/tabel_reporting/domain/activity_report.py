"""User activity per month (seed 004 3.2.1: monthly, for the deputy director): each person's
logins and what they did in the journal, counted from the events they caused, and logins
per role.

Logins come from identity's `tabel.identity.login.succeeded.v1` (the login page and the
password grant), counted once in each school of the account; journal actions from the
events of roster, schedule and journal whose actor is the person.
"""

from __future__ import annotations

from datetime import date
from uuid import UUID

from tabel_reporting.domain.document import Cell, Column, Document, Kind, Table
from tabel_reporting.domain.timeliness_report import month_name

LOGIN = "login.succeeded"
# Each journal action (an event's "aggregate.event") and the column it is counted in; the
# rest go to «Прочее». A final mark's deletion is counted with its setting and correction
# (FinalMarkSet), as the changes of final marks they all are.
ACTIONS = {
    "mark.recorded": "Отметки выставлены",
    "mark.changed": "Отметки исправлены",
    "mark.deleted": "Отметки удалены",
    "attendance.recorded": "Посещаемость",
    "final_mark.set": "Итоговые отметки",
    "final_mark.deleted": "Итоговые отметки",
    "lesson_record.updated": "Темы уроков",
    "homework.assigned": "Домашние задания",
}
COLUMNS = tuple(dict.fromkeys(ACTIONS.values()))
# identity.v1.Role values, as a school names them.
ROLE_TITLES = {
    1: "учитель",
    2: "классный руководитель",
    3: "директор",
    4: "заместитель директора",
    5: "администратор",
    6: "ученик",
    7: "законный представитель",
    8: "секретарь",
    9: "медицинский работник",
    10: "педагог-психолог",
    11: "социальный педагог",
    12: "специалист по кадрам",
    13: "тьютор",
}
NO_ROLE = "роль не назначена"


def role_titles(roles: set[int]) -> list[str]:
    titles = [ROLE_TITLES[r] for r in sorted(roles) if r in ROLE_TITLES]
    return titles or [NO_ROLE]


def activity_document(
    *,
    school_name: str,
    month: date,
    counts: dict[UUID, dict[str, int]],  # person -> action -> events
    names: dict[UUID, str],
    roles: dict[UUID, set[int]],  # person -> identity.v1.Role values in the school
) -> Document:
    people = Table(
        "Действия в журнале",
        [Column("Пользователь"), Column("Роль"), Column("Входы", Kind.INT)]
        + [Column(title, Kind.INT) for title in COLUMNS]
        + [Column("Прочее", Kind.INT), Column("Всего действий", Kind.INT)],
    )
    by_role: dict[str, tuple[int, int]] = {}  # role -> (people who logged in, logins)
    for person in sorted(counts, key=lambda p: (names.get(p, ""), str(p))):
        mine = counts[person]
        titles = role_titles(roles.get(person, set()))
        logins = mine.get(LOGIN, 0)
        known: list[Cell] = [
            sum(n for a, n in mine.items() if ACTIONS.get(a) == title) for title in COLUMNS
        ]
        other = sum(v for a, v in mine.items() if a not in ACTIONS and a != LOGIN)
        actions = sum(v for a, v in mine.items() if a != LOGIN)
        people.rows.append(
            [names.get(person, ""), ", ".join(titles), logins, *known, other, actions]
        )
        for title in titles if logins else []:
            users, total = by_role.get(title, (0, 0))
            by_role[title] = (users + 1, total + logins)
    logins_table = Table(
        "Входы по ролям",
        [Column("Роль"), Column("Пользователей входили", Kind.INT), Column("Входов", Kind.INT)],
        [[title, users, total] for title, (users, total) in sorted(by_role.items())],
    )
    return Document(
        title="Активность пользователей электронного журнала",
        subtitle=[school_name, month_name(month)],
        tables=[people, logins_table],
        notes=[
            "Входы — успешные входы в систему за месяц (страница входа и вход по паролю).",
            "Пользователь с несколькими ролями учитывается в каждой из них.",
            "Итоговые отметки — выставленные, исправленные и удалённые.",
        ],
    )

"""The roster import file: its columns (Russian or English headers) and one row's meaning.

One sheet lists staff, students and guardians, one person a row:
    Тип | Код | Фамилия | Имя | Отчество | Класс | Должности | Представитель для | Кем приходится |
    Согласие дал | Дата рождения | Пол | Email | Телефон | СНИЛС
"Класс" is a student's class, or the class a staff member leads as class teacher; "Код" is a
stable id from the school's records (what makes a re-import update instead of duplicate);
"Представитель для" lists the codes of a guardian's children.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime

from tabel_roster.domain.people import PersonKind, Relation

COLUMNS: dict[str, tuple[str, ...]] = {
    "kind": ("тип", "kind", "роль"),
    "external_id": ("код", "external_id", "id", "идентификатор"),
    "last_name": ("фамилия", "last_name"),
    "first_name": ("имя", "first_name"),
    "middle_name": ("отчество", "middle_name"),
    "class": ("класс", "class"),
    "positions": ("должности", "должность", "positions"),
    "guardian_of": ("представитель для", "guardian_of", "дети"),
    "relation": ("кем приходится", "relation", "степень родства"),
    "consent_given_by": ("согласие дал", "consent_given_by", "согласие"),
    "birth_date": ("дата рождения", "birth_date"),
    "sex": ("пол", "sex"),
    "email": ("email", "e-mail", "эл. почта"),
    "phone": ("телефон", "phone"),
    "snils": ("снилс", "snils"),
}
REQUIRED = ("kind", "last_name", "first_name")
KINDS = {
    **dict.fromkeys(("учащийся", "ученик", "обучающийся", "student"), PersonKind.STUDENT),
    **dict.fromkeys(("сотрудник", "учитель", "staff"), PersonKind.STAFF),
    **dict.fromkeys(
        ("родитель", "законный представитель", "представитель", "guardian"), PersonKind.GUARDIAN
    ),
}
RELATIONS = {
    **dict.fromkeys(("мать", "mother"), Relation.MOTHER),
    **dict.fromkeys(("отец", "father"), Relation.FATHER),
    **dict.fromkeys(("опекун", "попечитель", "legal_guardian"), Relation.LEGAL_GUARDIAN),
    **dict.fromkeys(("другое", "иное", "other", ""), Relation.OTHER),
}
POSITION_NAMES = {
    "директор": "director",
    "заместитель директора": "deputy_director",
    "завуч": "deputy_director",
    "учитель": "teacher",
    "педагог": "teacher",
    "секретарь": "secretary",
    "медик": "medic",
    "медсестра": "medic",
    "психолог": "psychologist",
    "социальный педагог": "social_pedagogue",
    "специалист по кадрам": "hr_specialist",
    "тьютор": "tutor",
    "библиотекарь": "librarian",
    "администратор": "school_admin",
}
SEXES = {"м": 1, "муж": 1, "мужской": 1, "male": 1, "ж": 2, "жен": 2, "женский": 2, "female": 2}
_CLASS = re.compile(r"^\s*(\d{1,2})\s*[-«\"]?\s*([А-ЯЁа-яё]?)\s*[»\"]?\s*$")


@dataclass
class RowError:
    row: int  # as the spreadsheet numbers it (the header is row 1)
    column: str  # the header as written in the file
    message: str


@dataclass
class ImportRow:
    row: int
    kind: PersonKind
    key: str
    last_name: str
    first_name: str
    middle_name: str
    class_name: tuple[int, str] | None = None
    positions: list[str] = field(default_factory=list)
    guardian_of: list[str] = field(default_factory=list)
    relation: Relation = Relation.OTHER
    consent_given_by: str = ""
    birth_date: date | None = None
    sex: int = 0
    email: str | None = None
    phone: str | None = None
    snils: str | None = None


def map_header(header: list[str]) -> tuple[dict[str, int], list[str]]:
    """Column name → index, and the required columns missing from the file."""
    lowered = [h.strip().lower() for h in header]
    found = {}
    for name, aliases in COLUMNS.items():
        for i, h in enumerate(lowered):
            if h in aliases:
                found[name] = i
                break
    return found, [c for c in REQUIRED if c not in found]


def parse_class(raw: str) -> tuple[int, str] | None:
    m = _CLASS.match(raw)
    if not m:
        return None
    return int(m.group(1)), m.group(2).upper().replace("Ё", "Е")


def parse_date(raw: str) -> date | None:
    for fmt in ("%d.%m.%Y", "%Y-%m-%d", "%d/%m/%Y"):
        try:
            return datetime.strptime(raw, fmt).date()
        except ValueError:
            continue
    return None


def split_list(raw: str) -> list[str]:
    return [p.strip() for p in re.split(r"[,;]", raw) if p.strip()]

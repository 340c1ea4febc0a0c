"""Checking an import file row by row: every problem is reported with its row and column,
in Russian, before anything is written."""

from __future__ import annotations

import uuid
from typing import Any

from tabel_platform.errors import InvalidInput
from tabel_platform.i18n import translate
from tabel_roster.domain import import_rows as cols
from tabel_roster.domain.import_rows import ImportRow, RowError
from tabel_roster.domain.people import PersonalData, PersonKind
from tabel_roster.service_layer.consents import ConsentGiven
from tabel_roster.service_layer.people import CreatePerson, person_from

MESSAGES = {
    "required": "Обязательное поле не заполнено.",
    "kind": "Неизвестный тип: укажите «учащийся», «сотрудник» или «родитель».",
    "class": "Класс записывается как «5А» или «11»: параллель 1–11 и буква.",
    "class_grade": "В школе нет такой параллели.",
    "class_kind": "Класс указывается только для учащихся и классных руководителей.",
    "student_class": "Для учащегося нужен класс.",
    "date": "Дата записывается как ДД.ММ.ГГГГ.",
    "sex": "Пол: «м» или «ж».",
    "relation": "Кем приходится: мать, отец, опекун, попечитель или другое.",
    "position": "Неизвестная должность.",
    "guardian_of": "Нет учащегося с кодом «{child}» ни в файле, ни в школе.",
    "guardian_of_not_student": (
        "Код «{child}» принадлежит не учащемуся: ребёнком может быть только учащийся."
    ),
    "guardian_of_kind": "«Представитель для» заполняется только у родителей.",
    "guardian_no_child": "У законного представителя должен быть хотя бы один ребёнок.",
    "duplicate": "Этот код уже встречался в строке {other}.",
}


def message(key: str, **params: Any) -> str:
    return MESSAGES[key].format(**params)


def check_row(
    n: int,
    cells: list[str],
    index: dict[str, int],
    header: list[str],
    school_id: uuid.UUID,
    grades: list[int],
) -> tuple[ImportRow, list[RowError]]:
    """The row as read (complete only when there are no errors) and its problems."""

    def get(name: str) -> str:
        i = index.get(name)
        return cells[i].strip() if i is not None and i < len(cells) else ""

    def err(name: str, key: str, **params: Any) -> None:
        errors.append(
            RowError(n, header[index[name]] if name in index else name, message(key, **params))
        )

    errors: list[RowError] = []
    for name in cols.REQUIRED:
        if not get(name):
            err(name, "required")
    kind = cols.KINDS.get(get("kind").lower())
    if get("kind") and kind is None:
        err("kind", "kind")
    row = ImportRow(
        n, kind or PersonKind.STUDENT, "", get("last_name"), get("first_name"), get("middle_name")
    )
    if raw := get("class"):
        row.class_name = cols.parse_class(raw)
        if row.class_name is None:
            err("class", "class")
        elif row.class_name[0] not in grades:
            err("class", "class_grade")
        elif kind == PersonKind.GUARDIAN:
            err("class", "class_kind")
    elif kind == PersonKind.STUDENT:
        err("class", "student_class")
    for raw in cols.split_list(get("positions")):
        code = cols.POSITION_NAMES.get(raw.lower(), raw.lower())
        row.positions.append(code)
    row.guardian_of = cols.split_list(get("guardian_of"))
    if row.guardian_of and kind != PersonKind.GUARDIAN:
        err("guardian_of", "guardian_of_kind")
    if kind == PersonKind.GUARDIAN and not row.guardian_of:
        err("guardian_of", "guardian_no_child")
    relation = cols.RELATIONS.get(get("relation").lower())
    if relation is None:
        err("relation", "relation")
    row.relation = relation or row.relation
    if raw := get("birth_date"):
        row.birth_date = cols.parse_date(raw)
        if row.birth_date is None:
            err("birth_date", "date")
    if raw := get("sex"):
        row.sex = cols.SEXES.get(raw.lower(), -1)
        if row.sex < 0:
            err("sex", "sex")
    row.email, row.phone, row.snils = (
        get("email") or None,
        get("phone") or None,
        get("snils") or None,
    )
    row.consent_given_by = get("consent_given_by")
    row.key = get("external_id") or _natural_key(row)
    if kind and not errors:
        errors += _person_rules(row, index, header, school_id)
    return row, errors


def person_command(
    row: ImportRow, school_id: uuid.UUID, person_id: uuid.UUID | None
) -> CreatePerson:
    consent = (
        ConsentGiven(given_by=row.consent_given_by, document_ref="импорт")
        if row.consent_given_by
        else None
    )
    data = PersonalData(
        birth_date=row.birth_date,
        sex=max(row.sex, 0),
        email=row.email,
        phone=row.phone,
        snils=row.snils,
    )
    return CreatePerson(
        school_id=school_id,
        last_name=row.last_name,
        first_name=row.first_name,
        middle_name=row.middle_name,
        kinds=[row.kind],
        positions=row.positions,
        consent=consent,
        data=data,
        person_id=person_id,
    )


_FIELD_COLUMN = {
    "positions": "positions",
    "sex": "sex",
    "snils": "snils",
    "email": "email",
    "phone": "phone",
}


def _person_rules(
    row: ImportRow, index: dict[str, int], header: list[str], school_id: uuid.UUID
) -> list[RowError]:
    """The same rules as the API (names, positions, consent) with the file's column names."""
    try:
        person_from(person_command(row, school_id, None))
    except InvalidInput as exc:
        out = []
        for e in exc.errors or [{"field": ""}]:
            name = str(e.get("field", ""))
            column = header[index[name]] if name in index else name
            text = (
                translate("roster.consent_required_row")
                if e.get("code") == "consent_required"
                else exc.message
            )
            if e.get("message") and e.get("code") != "consent_required":
                text = str(e["message"])
            out.append(RowError(row.row, column, text))
        return out
    return []


def _natural_key(row: ImportRow) -> str:
    name = "|".join(p.lower() for p in (row.last_name, row.first_name, row.middle_name))
    extra = row.birth_date.isoformat() if row.birth_date else ",".join(sorted(row.guardian_of))
    return f"{row.kind}:{name}|{extra}"

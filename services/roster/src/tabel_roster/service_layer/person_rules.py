"""The rules a person's record obeys before it is saved: trimmed names of letters, known
kinds and positions, and the consent rule (seed 004, footnote 1)."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from tabel_platform.errors import InvalidInput
from tabel_platform.i18n import translate
from tabel_roster.domain.people import (
    POSITIONS,
    ConsentRequired,
    InvalidPersonalData,
    Person,
    PersonalData,
    PersonKind,
    check_personal_data,
)

NAME_FIELDS = ("last_name", "first_name", "middle_name")


def _error(field: str, code: str, key: str) -> dict[str, Any]:
    return {"field": field, "code": code, "message": translate(key)}


def _errors(person: Person) -> list[dict[str, Any]]:
    errors = [
        _error(name, "required", "field.required")
        for name in ("last_name", "first_name")
        if not getattr(person, name)
    ]
    for name in NAME_FIELDS:
        value = getattr(person, name)
        if len(value) > 100 or any(c.isdigit() for c in value):
            errors.append(_error(name, "invalid_name", "roster.invalid_name"))
    if not person.kinds:
        errors.append(_error("kinds", "required", "field.required"))
    bad_positions = [p for p in person.positions if p not in POSITIONS]
    if bad_positions or (person.positions and PersonKind.STAFF not in person.kinds):
        errors.append(_error("positions", "invalid_position", "roster.invalid_position"))
    return errors


def validated(person: Person) -> Person:
    """Trimmed names, known kinds and positions, and the consent rule; or InvalidInput."""
    names: dict[str, Any] = {n: " ".join(getattr(person, n).split()) for n in NAME_FIELDS}
    person = replace(person, **names)
    errors = _errors(person)
    if errors:
        raise InvalidInput(
            "error.validation", code="invalid_input", errors=errors, count=len(errors)
        )
    try:
        check_personal_data(person.consent, person.data)
    except ConsentRequired as exc:
        raise InvalidInput(
            "roster.consent_required",
            code="consent_required",
            errors=[{"field": f, "code": "consent_required"} for f in exc.fields],
            fields=", ".join(exc.fields),
        ) from exc
    except InvalidPersonalData as exc:
        raise InvalidInput(
            "roster.invalid_personal_data",
            code="invalid_personal_data",
            errors=[{"field": exc.field, "code": "invalid"}],
            field=exc.field,
        ) from exc
    return person


def apply_changes(person: Person, changes: dict[str, Any]) -> Person:
    """`changes` (API field → value; None clears a personal-data field) applied to a person."""
    data_fields = set(PersonalData.__dataclass_fields__)
    top = {k: v for k, v in changes.items() if k not in data_fields}
    data = {k: v for k, v in changes.items() if k in data_fields}
    unknown = set(top) - {*NAME_FIELDS, "kinds", "positions"}
    if unknown:
        raise InvalidInput(
            "field.invalid", code="invalid_input", errors=[{"field": f} for f in sorted(unknown)]
        )
    if "sex" in data and data["sex"] is None:
        data["sex"] = 0
    return replace(person, data=replace(person.data, **data), **top)


def filled(person: Person) -> list[str]:
    """The fields a new person's record has (for the personal-data log)."""
    return [n for n in NAME_FIELDS if getattr(person, n)] + person.data.present()

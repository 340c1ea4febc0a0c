"""People of a school and the consent rule on their personal data (seed 004, footnote 1;
seed 002, 1.6): without consent only the full name is kept."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, fields
from datetime import date
from enum import IntEnum, StrEnum
from uuid import UUID


class PersonKind(StrEnum):
    STUDENT = "student"
    STAFF = "staff"
    GUARDIAN = "guardian"


class Consent(IntEnum):  # tabel.roster.v1.ConsentStatus
    NONE = 0
    GIVEN = 1
    REFUSED = 2
    WITHDRAWN = 3


class Relation(IntEnum):  # tabel.roster.v1.GuardianRelation: the kind of representation
    MOTHER = 1
    FATHER = 2
    LEGAL_GUARDIAN = 3
    OTHER = 4


POSITIONS = (
    "director",
    "deputy_director",
    "teacher",
    "secretary",
    "medic",
    "psychologist",
    "social_pedagogue",
    "hr_specialist",
    "tutor",
    "librarian",
    "school_admin",
)


@dataclass
class PersonalData:
    """Everything beyond the full name; kept only while consent is given."""

    birth_date: date | None = None
    sex: int = 0  # tabel.roster.v1.Sex
    email: str | None = None
    phone: str | None = None
    snils: str | None = None
    document: str | None = None
    address: str | None = None

    def present(self) -> list[str]:
        """Names of the fields that hold something."""
        return [f.name for f in fields(self) if getattr(self, f.name) not in (None, 0, "")]


@dataclass
class Person:
    id: UUID
    school_id: UUID
    last_name: str
    first_name: str
    middle_name: str = ""
    kinds: list[PersonKind] = field(default_factory=list)
    consent: Consent = Consent.NONE
    data: PersonalData = field(default_factory=PersonalData)
    positions: list[str] = field(default_factory=list)

    @property
    def full_name(self) -> str:
        return " ".join(p for p in (self.last_name, self.first_name, self.middle_name) if p)


class ConsentRequired(ValueError):
    def __init__(self, field_names: list[str]) -> None:
        super().__init__(", ".join(field_names))
        self.fields = field_names


class InvalidPersonalData(ValueError):
    def __init__(self, field_name: str) -> None:
        super().__init__(field_name)
        self.field = field_name


_SNILS = re.compile(r"^\d{3}-?\d{3}-?\d{3}[ -]?\d{2}$")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_PHONE = re.compile(r"^\+?[\d\s()-]{7,20}$")


def check_personal_data(consent: Consent, data: PersonalData) -> None:
    """Refuse personal data without consent, and values that are not what they claim to be."""
    present = data.present()
    if present and consent != Consent.GIVEN:
        raise ConsentRequired(present)
    if data.snils and not (_SNILS.match(data.snils) and snils_checksum_ok(data.snils)):
        raise InvalidPersonalData("snils")
    if data.email and not _EMAIL.match(data.email):
        raise InvalidPersonalData("email")
    if data.phone and not _PHONE.match(data.phone):
        raise InvalidPersonalData("phone")
    if data.sex not in (0, 1, 2):
        raise InvalidPersonalData("sex")
    if data.birth_date and not date(1900, 1, 1) <= data.birth_date <= date.today():
        raise InvalidPersonalData("birth_date")


def snils_checksum_ok(raw: str) -> bool:
    """The SNILS control number (the last two digits) as the Pension Fund defines it."""
    digits = [int(c) for c in raw if c.isdigit()]
    number, control = digits[:9], digits[9] * 10 + digits[10]
    if int("".join(map(str, number))) <= 1001998:  # numbers this low carry no checksum
        return True
    total = sum(d * (9 - i) for i, d in enumerate(number))
    expected = total if total < 100 else (0 if total in (100, 101) else total % 101)
    return (expected if expected < 100 else 0) == control


def changed_fields(before: Person, after: Person) -> list[str]:
    """The person's fields a change touched, named as in the API (for the log and the mask)."""
    out = [
        n
        for n in ("last_name", "first_name", "middle_name")
        if getattr(before, n) != getattr(after, n)
    ]
    out += [
        f.name
        for f in fields(PersonalData)
        if getattr(before.data, f.name) != getattr(after.data, f.name)
    ]
    if before.consent != after.consent:
        out.append("consent")
    if sorted(before.kinds) != sorted(after.kinds):
        out.append("kinds")
    if sorted(before.positions) != sorted(after.positions):
        out.append("positions")
    return out

"""What a school's OneRoster view is built from, and the deterministic ids it derives."""

from __future__ import annotations

from dataclasses import dataclass, field
from uuid import UUID, uuid5

from tabel_roster.domain.classes import Membership, SchoolClass
from tabel_roster.domain.oneroster_sessions import SchoolYear, Term
from tabel_roster.domain.people import Person, Relation

RELATION_NAMES = {
    Relation.MOTHER: "mother",
    Relation.FATHER: "father",
    Relation.LEGAL_GUARDIAN: "legal_guardian",
    Relation.OTHER: "other",
}


@dataclass
class SchoolData:
    school_id: UUID
    school_name: str
    municipality_id: UUID
    municipality_name: str
    classes: list[SchoolClass]
    people: list[Person]
    memberships: list[Membership]
    # student → guardians
    guardians: dict[UUID, list[tuple[UUID, Relation]]] = field(default_factory=dict)
    consent_by: dict[UUID, str] = field(default_factory=dict)
    # schedule's calendar as roster projects it (empty until schedule publishes one)
    years: list[SchoolYear] = field(default_factory=list)
    terms: list[Term] = field(default_factory=list)
    modified: str = "2000-01-01T00:00:00.000Z"


def grade_code(grade: int) -> str:
    return f"{grade:02d}"


def course_id(school_id: UUID, year: int, grade: int) -> UUID:
    return uuid5(school_id, f"oneroster/course/{year}/{grade}")

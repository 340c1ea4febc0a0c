"""Who may do what with the roster: one pure decision per question, deny by default.

The facts are identity's role grants in the school (projected from its events), the rights
the school's administrator widened or narrowed, and roster's own relations (a guardian's
children, the class a class teacher leads, the classes a student is in). The roster part of
identity's permission catalogue is copied here: identity owns the catalogue, roster decides
what a permission allows on its data (DESIGN.md, "Tenancy and access").
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from uuid import UUID

PERSON_READ = "roster.person.read"  # names, classes, groups
PERSONAL_DATA_READ = "roster.person.personal_data.read"
PERSON_WRITE = "roster.person.write"  # people, classes, groups, movements, imports
STAFF_WRITE = "roster.staff.write"  # staff records (HR)

_PEOPLE = frozenset({PERSON_READ, PERSONAL_DATA_READ})
# Each role's default roster permissions, as in identity's catalogue (seeds 002, 003).
DEFAULTS: dict[str, frozenset[str]] = {
    "teacher": frozenset({PERSON_READ}),
    "class_teacher": _PEOPLE,
    "director": _PEOPLE,
    "deputy_director": _PEOPLE,
    "administrator": _PEOPLE | {PERSON_WRITE},
    "secretary": _PEOPLE | {PERSON_WRITE},
    "hr_specialist": _PEOPLE | {STAFF_WRITE},
    "medic": frozenset({PERSON_READ, "roster.health.read"}),
    "psychologist": frozenset({PERSON_READ, "roster.psychology.read"}),
    "social_pedagogue": frozenset({PERSON_READ, "roster.psychology.read"}),
    "tutor": frozenset({PERSON_READ}),
    "student": frozenset(),
    "guardian": frozenset(),
}
# Roles whose school-wide grant reaches only the holder's own relations when it comes to one
# person's personal data (identity's RELATIONAL).
RELATIONAL = frozenset({"teacher", "class_teacher", "student", "guardian", "tutor"})
ADMINISTRATOR = "administrator"


@dataclass(frozen=True)
class HeldGrant:
    role: str
    scope_kind: str = ""  # "" = the whole school; else class, study_group, person, subject
    scope_id: UUID | None = None
    expires_at: datetime | None = None

    @property
    def school_wide(self) -> bool:
        return self.scope_kind in ("", "school")

    def reaches(self, units: frozenset[UUID]) -> bool:
        """A grant scoped to a class, a study group or a person among `units`."""
        return self.scope_id is not None and self.scope_id in units


@dataclass(frozen=True)
class Holder:
    """One account in one school: its active grants, rights and roster relations."""

    person_id: UUID | None
    grants: tuple[HeldGrant, ...] = ()
    role_rights: Mapping[str, frozenset[str]] = field(default_factory=dict)
    added: frozenset[str] = frozenset()
    removed: frozenset[str] = frozenset()
    children: frozenset[UUID] = frozenset()  # guardianships in roster
    led_classes: frozenset[UUID] = frozenset()  # classes whose class teacher the person is

    def permissions(self, role: str) -> frozenset[str]:
        base = self.role_rights.get(role, DEFAULTS.get(role, frozenset()))
        return (base | self.added) - self.removed

    def holding(self, permission: str) -> list[HeldGrant]:
        return [g for g in self.grants if permission in self.permissions(g.role)]

    def school_wide(self, permission: str, *, relational: bool = True) -> bool:
        return any(
            g.school_wide and (relational or g.role not in RELATIONAL)
            for g in self.holding(permission)
        )

    def has_role(self, role: str) -> bool:
        return any(g.role == role for g in self.grants)


def active(grants: list[HeldGrant], now: datetime) -> tuple[HeldGrant, ...]:
    return tuple(g for g in grants if g.expires_at is None or g.expires_at > now)


def may_setup(h: Holder) -> bool:
    """The school's settings and domains: its administrator."""
    return any(g.role == ADMINISTRATOR and g.school_wide for g in h.grants)


def may_manage(h: Holder) -> bool:
    """People, classes, groups, movements, imports: administrator, secretary (or widened)."""
    return h.school_wide(PERSON_WRITE)


def may_manage_staff(h: Holder) -> bool:
    """Staff records only: the HR specialist, and whoever manages the whole roster."""
    return h.school_wide(STAFF_WRITE) or may_manage(h)


def may_read_school(h: Holder) -> bool:
    """The school's lists of people, classes and groups (names only)."""
    return h.school_wide(PERSON_READ)


def leads(h: Holder, units: frozenset[UUID]) -> bool:
    """Class teacher of one of `units`: a class teacher grant scoped to it, or roster's own
    class-teacher assignment of a person holding a teacher grant (as the journal decides)."""
    scoped = any(g.role == "class_teacher" and g.reaches(units) for g in h.grants)
    teaching = h.has_role("teacher") or h.has_role("class_teacher")
    return scoped or (teaching and bool(units & h.led_classes))


def may_read_class(h: Holder, class_id: UUID) -> bool:
    units = frozenset({class_id})
    scoped = any(g.reaches(units) for g in h.holding(PERSON_READ))
    return may_read_school(h) or scoped or leads(h, units)


def _own(h: Holder, person_id: UUID) -> bool:
    """The person themselves, or their guardian (a guardian grant and roster's link)."""
    if not h.grants:
        return False
    if h.person_id == person_id:
        return True
    return person_id in h.children and any(
        g.role == "guardian" and (g.school_wide or g.scope_id == person_id) for g in h.grants
    )


def may_read_person(h: Holder, person_id: UUID, units: frozenset[UUID]) -> bool:
    """One card: staff with the school's lists, the person, their guardians, class teachers."""
    return may_read_school(h) or _own(h, person_id) or any(may_read_class(h, u) for u in units)


def may_read_personal_data(h: Holder, person_id: UUID, units: frozenset[UUID]) -> bool:
    """Beyond the name: management, administrator, secretary, HR school-wide; the data
    subject and their guardians; a class teacher for the students of their class."""
    if h.school_wide(PERSONAL_DATA_READ, relational=False) or _own(h, person_id):
        return True
    if any(g.reaches(units | {person_id}) for g in h.holding(PERSONAL_DATA_READ)):
        return True
    return PERSONAL_DATA_READ in h.permissions("class_teacher") and leads(h, units)


def may_read_school_personal_data(h: Holder) -> bool:
    """Personal data in the school's lists (no relation to check per person)."""
    return h.school_wide(PERSONAL_DATA_READ, relational=False)

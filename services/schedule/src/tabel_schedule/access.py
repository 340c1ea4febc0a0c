"""Who may do what in schedule: deny by default, decided here in one place.

The facts about the caller come from local projections fed by events — identity's role
grants in the school, roster's guardianships — never from a call to another service, and
never from school roles in the token (tokens carry only platform roles).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from uuid import UUID

from tabel_platform.errors import Forbidden

ADMINISTRATOR = "administrator"
DIRECTOR = "director"
DEPUTY = "deputy_director"
TEACHER = "teacher"
CLASS_TEACHER = "class_teacher"
STUDENT = "student"
GUARDIAN = "guardian"
# Who composes the timetable, load and substitutions (identity's "schedule.write" defaults).
SCHEDULERS = frozenset({ADMINISTRATOR, DEPUTY})
MANAGEMENT = frozenset({ADMINISTRATOR, DIRECTOR, DEPUTY})
# Everyone who works at the school; students and guardians are not staff.
NOT_STAFF = frozenset({STUDENT, GUARDIAN})
# Roles from the token that no school grants; none of them opens a school's timetable.
PLATFORM_ROLES = frozenset({"region_operator", "municipal_analyst", "service"})
READS = frozenset({"view_class", "view_teacher", "view_room", "view_student"})


class Action(StrEnum):
    MANAGE = "manage"  # calendar, bells, places, curriculum, timetable, substitutions
    CLOSE_TERM = "close_term"  # management closes a term (seed 004, 3.2.4)
    VIEW_CLASS = "view_class"  # the school timetable is for students, staff and parents
    VIEW_TEACHER = "view_teacher"  # teachers see each other's timetables (seed 001)
    VIEW_ROOM = "view_room"
    VIEW_STUDENT = "view_student"  # a personal timetable: the student, their guardians, management
    OWN_FEED = "own_feed"  # a person's iCalendar feed: themselves, or management


@dataclass(frozen=True)
class Facts:
    """What schedule knows about the caller in one school."""

    person_id: UUID | None
    roles: frozenset[str] = frozenset()  # roles held in this school
    children: frozenset[UUID] = frozenset()  # students the caller is a guardian of
    is_service: bool = False  # a service account (client credentials), not a person
    platform_roles: frozenset[str] = field(default_factory=frozenset)

    @property
    def is_staff(self) -> bool:
        return bool(self.roles - NOT_STAFF)

    def is_self(self, person_id: UUID | None) -> bool:
        return person_id is not None and self.person_id == person_id


def allows(facts: Facts, action: Action, *, person_id: UUID | None = None) -> bool:
    if facts.is_service:  # another service (the journal, the portal): reads, never writes
        return action.value in READS
    roles = facts.roles
    if action is Action.MANAGE:
        return bool(roles & SCHEDULERS)
    if action is Action.CLOSE_TERM:
        return bool(roles & MANAGEMENT)
    if action is Action.VIEW_CLASS:
        return bool(roles)
    if action in (Action.VIEW_TEACHER, Action.VIEW_ROOM):
        return facts.is_staff or (bool(roles) and facts.is_self(person_id))
    if action is Action.VIEW_STUDENT:
        own = bool(roles) and facts.is_self(person_id)
        child = GUARDIAN in roles and person_id in facts.children
        return own or child or bool(roles & MANAGEMENT)
    if action is Action.OWN_FEED:
        return (bool(roles) and facts.is_self(person_id)) or bool(roles & MANAGEMENT)
    return False


def authorize(facts: Facts, action: Action, *, person_id: UUID | None = None) -> None:
    if not allows(facts, action, person_id=person_id):
        keys = {Action.MANAGE: "schedule.admin_only", Action.CLOSE_TERM: "schedule.management_only"}
        raise Forbidden(keys.get(action, "schedule.view_forbidden"))

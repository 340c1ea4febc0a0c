"""Who may do what in schedule: deny by default, decided here in one place.

Until identity publishes its grants projection, school roles come from the token
(`school_admin` = administrator or deputy); swapping the source means changing `roles_of`.
"""

from __future__ import annotations

from enum import StrEnum
from uuid import UUID

from tabel_platform.auth.principal import Principal
from tabel_platform.errors import Forbidden

SCHOOL_ADMIN = "school_admin"
TEACHER = "teacher"
STUDENT = "student"
GUARDIAN = "guardian"


class Action(StrEnum):
    MANAGE = "manage"  # calendar, bells, places, curriculum, timetable, substitutions
    VIEW_CLASS = "view_class"  # the school timetable is for students, staff and parents
    VIEW_TEACHER = "view_teacher"  # teachers see each other's timetables (seed 001)
    VIEW_ROOM = "view_room"
    VIEW_STUDENT = "view_student"  # a personal timetable: the student, management
    OWN_FEED = "own_feed"  # a person's iCalendar feed: themselves, or management


def roles_of(principal: Principal) -> frozenset[str]:
    return principal.roles


def authorize(principal: Principal, action: Action, *, person_id: UUID | None = None) -> None:
    roles = roles_of(principal)
    if SCHOOL_ADMIN in roles:
        return
    is_self = person_id is not None and principal.person_id == person_id
    allowed = {
        Action.MANAGE: False,
        Action.VIEW_CLASS: bool(roles & {TEACHER, STUDENT, GUARDIAN}),
        Action.VIEW_TEACHER: TEACHER in roles or is_self,
        Action.VIEW_ROOM: TEACHER in roles,
        Action.VIEW_STUDENT: is_self,
        Action.OWN_FEED: is_self,
    }[action]
    if not allowed:
        key = "schedule.admin_only" if action is Action.MANAGE else "schedule.view_forbidden"
        raise Forbidden(key)

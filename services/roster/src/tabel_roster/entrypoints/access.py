"""Who may do what in roster: the one function every entrypoint asks.

Until identity's role-grant projection exists in roster, school-scoped rights are read from
the token's roles together with the request's school (CurrentSchool, which already checked
that the school is one of the token's). THIS is where the grants projection plugs in:
replace `_school_roles` with a lookup of the person's grants in that school; callers keep
calling `authorize(...)` unchanged.
"""

from __future__ import annotations

from enum import StrEnum
from uuid import UUID

from tabel_platform.auth.principal import Principal
from tabel_platform.errors import Forbidden

REGION_OPERATOR = "region_operator"
# Identity's code for the school administrator is "administrator"; "school_admin" is the
# name the platform's first tokens used. Both mean the same until grants replace roles.
SCHOOL_ADMIN = "administrator"
SCHOOL_ADMIN_ROLES = frozenset({SCHOOL_ADMIN, "school_admin"})
# Roles whose holders work in the school and see its roster (names, classes, groups).
STAFF_ROLES = SCHOOL_ADMIN_ROLES | frozenset(
    {
        "director",
        "deputy_director",
        "teacher",
        "class_teacher",
        "secretary",
        "hr_specialist",
    }
)
# Roles that see personal data beyond the full name (dates of birth, contacts, documents).
PERSONAL_DATA_ROLES = SCHOOL_ADMIN_ROLES | frozenset({"director", "deputy_director", "secretary"})


class Action(StrEnum):
    MANAGE_REGION = "manage_region"  # municipalities, new schools
    SETUP_SCHOOL = "setup_school"  # a school's settings and domains
    MANAGE_SCHOOL = "manage_school"  # people, classes, groups, movements, imports
    READ_ROSTER = "read_roster"
    READ_PERSONAL_DATA = "read_personal_data"


def _school_roles(principal: Principal, school_id: UUID) -> frozenset[str]:
    """The principal's roles in one school (today: token roles if the token names the school)."""
    return principal.roles if school_id in principal.school_ids else frozenset()


def allowed(principal: Principal, action: Action, school_id: UUID | None = None) -> bool:
    if action == Action.MANAGE_REGION:
        return principal.has_role(REGION_OPERATOR)
    if school_id is None:
        return False
    if action == Action.SETUP_SCHOOL and principal.has_role(REGION_OPERATOR):
        return True
    if action == Action.READ_ROSTER and principal.is_service:
        return True  # other services' projections and the portal, over gRPC
    roles = _school_roles(principal, school_id)
    if action in (Action.SETUP_SCHOOL, Action.MANAGE_SCHOOL):
        return bool(roles & SCHOOL_ADMIN_ROLES)
    if action == Action.READ_PERSONAL_DATA:
        return bool(roles & PERSONAL_DATA_ROLES)
    return bool(roles & STAFF_ROLES)


_REFUSALS = {
    Action.MANAGE_REGION: "roster.region_operator_only",
    Action.SETUP_SCHOOL: "roster.school_admin_only",
    Action.MANAGE_SCHOOL: "roster.school_admin_only",
    Action.READ_ROSTER: "roster.staff_only",
    Action.READ_PERSONAL_DATA: "roster.staff_only",
}


def authorize(principal: Principal, action: Action, school_id: UUID | None = None) -> None:
    """Deny by default: raise Forbidden unless `principal` may do `action` in `school_id`."""
    if not allowed(principal, action, school_id):
        raise Forbidden(_REFUSALS[action], code="forbidden")

"""Who may do what in roster: the one function every entrypoint asks.

School rights come from identity's role grants as roster projects them (GrantAdded/Revoked,
RoleRightsChanged, PersonRightsChanged), matched by the token's subject, together with
roster's own relations; the decisions themselves are pure (`domain/rights.py`). Platform
roles (region operator) stay token roles; other services (client credentials) read names.
"""

from __future__ import annotations

from enum import StrEnum
from uuid import UUID

from tabel_platform.auth.principal import Principal
from tabel_platform.errors import Forbidden
from tabel_platform.runtime import Runtime
from tabel_roster.adapters import grants_repo
from tabel_roster.domain import rights

REGION_OPERATOR = "region_operator"


class Action(StrEnum):
    MANAGE_REGION = "manage_region"  # municipalities, new schools
    SETUP_SCHOOL = "setup_school"  # a school's settings and domains
    MANAGE_SCHOOL = "manage_school"  # people, classes, groups, movements, imports
    MANAGE_STAFF = "manage_staff"  # staff records only (HR)
    READ_ROSTER = "read_roster"  # the school's lists (names)
    READ_CLASS = "read_class"  # one class's or group's members
    READ_PERSON = "read_person"  # one person's card, guardianships, enrolment
    READ_PERSONAL_DATA = "read_personal_data"  # beyond the name (one person, or the lists)


_SERVICE_READS = frozenset({Action.READ_ROSTER, Action.READ_CLASS, Action.READ_PERSON})
_REFUSALS = {
    Action.MANAGE_REGION: "roster.region_operator_only",
    Action.SETUP_SCHOOL: "roster.school_admin_only",
    Action.MANAGE_SCHOOL: "roster.school_admin_only",
    Action.MANAGE_STAFF: "roster.staff_write_only",
    Action.READ_ROSTER: "roster.staff_only",
    Action.READ_CLASS: "roster.class_only",
    Action.READ_PERSON: "roster.person_only",
    Action.READ_PERSONAL_DATA: "roster.personal_data_only",
}


async def holder_of(runtime: Runtime, principal: Principal, school_id: UUID) -> rights.Holder:
    """The caller's grants and relations in one school (empty for services and strangers)."""
    if principal.is_service:
        return rights.Holder(person_id=None)
    async with runtime.db.transaction(school_id=school_id) as session:
        return await grants_repo.holder(session, principal.subject, principal.person_id)


async def allowed(
    runtime: Runtime,
    principal: Principal,
    action: Action,
    school_id: UUID | None = None,
    *,
    person_id: UUID | None = None,
    class_id: UUID | None = None,
) -> bool:
    if action is Action.MANAGE_REGION:
        return principal.has_role(REGION_OPERATOR)
    if school_id is None:
        return False
    if action is Action.SETUP_SCHOOL and principal.has_role(REGION_OPERATOR):
        return True
    if principal.is_service:
        return action in _SERVICE_READS
    h = await holder_of(runtime, principal, school_id)
    if person_id is not None and action in (Action.READ_PERSON, Action.READ_PERSONAL_DATA):
        async with runtime.db.transaction(school_id=school_id) as session:
            units = await grants_repo.units_of(session, person_id)
        if action is Action.READ_PERSON:
            return rights.may_read_person(h, person_id, units)
        return rights.may_read_personal_data(h, person_id, units)
    return decide(h, action, class_id)


def decide(h: rights.Holder, action: Action, class_id: UUID | None = None) -> bool:
    """School-level decisions (no person to relate to)."""
    match action:
        case Action.SETUP_SCHOOL:
            return rights.may_setup(h)
        case Action.MANAGE_SCHOOL:
            return rights.may_manage(h)
        case Action.MANAGE_STAFF:
            return rights.may_manage_staff(h)
        case Action.READ_ROSTER:
            return rights.may_read_school(h)
        case Action.READ_CLASS:
            return class_id is not None and rights.may_read_class(h, class_id)
        case Action.READ_PERSONAL_DATA:
            return rights.may_read_school_personal_data(h)
    return False


async def authorize(
    runtime: Runtime,
    principal: Principal,
    action: Action,
    school_id: UUID | None = None,
    *,
    person_id: UUID | None = None,
    class_id: UUID | None = None,
) -> None:
    """Deny by default: raise Forbidden unless `principal` may do `action` in `school_id`."""
    if not await allowed(
        runtime, principal, action, school_id, person_id=person_id, class_id=class_id
    ):
        raise Forbidden(_REFUSALS[action], code="forbidden")

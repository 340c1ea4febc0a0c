"""Role grants and the one decision "may this person do this here", deny by default.

A grant gives a role to an account in a school (or, for platform roles, region- or
municipality-wide), optionally narrowed to a scope. What the role may do is the role's
permissions in that school (defaults widened or narrowed by the administrator) adjusted by
the person's own overrides; where it reaches is the grant's scope (see `covers`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from uuid import UUID

from tabel_identity.domain.permissions import PLATFORM_ROLES, RELATIONAL, Role, effective


class ScopeKind(StrEnum):
    """Codes as in tabel.identity.v1.ScopeKind without the prefix, lower-case."""

    REGION = "region"
    MUNICIPALITY = "municipality"
    SCHOOL = "school"
    CLASS = "class"
    STUDY_GROUP = "study_group"
    PERSON = "person"
    SUBJECT = "subject"


@dataclass(frozen=True)
class Scope:
    kind: ScopeKind
    id: UUID | None = None


@dataclass(frozen=True)
class Grant:
    id: UUID
    account_id: UUID
    subject: str
    role: Role
    school_id: UUID | None
    person_id: UUID | None = None
    scope: Scope | None = None  # None: the whole school (or the platform role's reach)
    granted_at: datetime | None = None
    granted_by: UUID | None = None
    expires_at: datetime | None = None

    def active(self, now: datetime) -> bool:
        return self.expires_at is None or self.expires_at > now

    @property
    def school_wide(self) -> bool:
        return self.scope is None or self.scope.kind is ScopeKind.SCHOOL


@dataclass(frozen=True)
class Overrides:
    """Permissions added to and removed from defaults (a role's in a school, or a person's)."""

    added: frozenset[str] = frozenset()
    removed: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Target:
    """What a check is about. `units`: the classes and study groups of a PERSON target;
    `municipality_id`: of the school."""

    school_id: UUID | None
    scope: Scope | None = None
    municipality_id: UUID | None = None
    school_active: bool = True
    units: frozenset[UUID] = frozenset()


@dataclass(frozen=True)
class Holder:
    """The checking account's grants and relations, as identity knows them."""

    grants: tuple[Grant, ...]
    role_rights: dict[Role, Overrides] = field(default_factory=dict)
    person_rights: Overrides = Overrides()
    children: frozenset[UUID] = frozenset()  # from roster's guardianships


@dataclass(frozen=True)
class Decision:
    allowed: bool
    reason: str


def permissions_of(grant: Grant, holder: Holder) -> frozenset[str]:
    role = holder.role_rights.get(grant.role, Overrides())
    base = effective(grant.role, role.added, role.removed)
    if grant.role in PLATFORM_ROLES:  # school administrators cannot touch platform roles
        return base
    return (base | holder.person_rights.added) - holder.person_rights.removed


def covers(grant: Grant, target: Target, children: frozenset[UUID]) -> bool:
    """Whether the grant reaches the target (a school, class, group, person or subject)."""
    if grant.role in PLATFORM_ROLES:
        return _platform_covers(grant, target)
    if grant.school_id is None or grant.school_id != target.school_id:
        return False
    wanted = target.scope
    if wanted is None or wanted.kind is ScopeKind.SCHOOL:
        return grant.school_wide
    if grant.school_wide:
        if grant.role not in RELATIONAL:
            return True
        if wanted.kind is ScopeKind.PERSON and wanted.id is not None:
            own = grant.person_id is not None and wanted.id == grant.person_id
            child = grant.role is Role.GUARDIAN and wanted.id in children
            return own or child
        return False
    scope = grant.scope
    assert scope is not None
    if scope.kind == wanted.kind and scope.id == wanted.id:
        return True
    # a class or study group reaches its students
    units = (ScopeKind.CLASS, ScopeKind.STUDY_GROUP)
    return wanted.kind is ScopeKind.PERSON and scope.kind in units and scope.id in target.units


def _platform_covers(grant: Grant, target: Target) -> bool:
    scope = grant.scope
    if scope is None or scope.kind is ScopeKind.REGION:
        return True
    if scope.kind is ScopeKind.MUNICIPALITY:
        wanted = target.scope
        if wanted is not None and wanted.kind is ScopeKind.MUNICIPALITY:
            return wanted.id == scope.id
        return target.school_id is not None and target.municipality_id == scope.id
    return False


def decide(permission: str, target: Target, holder: Holder, now: datetime) -> Decision:
    active = [g for g in holder.grants if g.active(now)]
    if not active:
        return Decision(False, "no_grant")
    permitted = [g for g in active if permission in permissions_of(g, holder)]
    if not permitted:
        return Decision(False, "not_permitted")
    reaching = [g for g in permitted if covers(g, target, holder.children)]
    if not reaching:
        return Decision(False, "out_of_scope")
    inactive = target.school_id is not None and not target.school_active
    if inactive and all(g.role not in PLATFORM_ROLES for g in reaching):
        return Decision(False, "school_not_active")
    return Decision(True, f"granted_by_role:{reaching[0].role.value}")

"""Personal invitations (seed 001: "персональные пригласительные коды сразу после ввода
администратором их личных данных"): which role a person of roster is invited to.

The code itself is an activation-style code (`domain/codes.py`): typeable, 80 bits, stored
only as a hash, single use, expiring, revocable.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from uuid import UUID

from tabel_identity.domain.errors import InvalidGrant
from tabel_identity.domain.grants import Scope
from tabel_identity.domain.permissions import PLATFORM_ROLES, Role

# Roster's kinds of people and the role their account gets unless the administrator says
# otherwise. Staff are teachers by default; a director or a secretary is named explicitly.
_IMPLIED = {"student": Role.STUDENT, "guardian": Role.GUARDIAN, "staff": Role.TEACHER}
# Roles that only fit people of one kind: a student cannot be invited as a guardian.
_KIND_OF = {Role.STUDENT: "student", Role.GUARDIAN: "guardian"}


def invited_role(kinds: frozenset[str], asked: Role | None) -> Role:
    """The role an invitation gives: the one asked for if it fits the person, else implied."""
    if asked is not None:
        if asked in PLATFORM_ROLES:
            raise InvalidGrant("platform_role")
        needed = _KIND_OF.get(asked, "staff")
        if needed not in kinds:
            raise InvalidGrant("role_not_for_person")
        return asked
    for kind in ("staff", "guardian", "student"):  # the most capable first
        if kind in kinds:
            return _IMPLIED[kind]
    raise InvalidGrant("role_not_for_person")


@dataclass(frozen=True)
class Invitation:
    id: UUID
    school_id: UUID
    person_id: UUID
    role: Role
    scope: Scope | None
    issued_at: datetime
    expires_at: datetime
    revoked_at: datetime | None = None
    used_at: datetime | None = None
    used_by: UUID | None = None

    def status(self, now: datetime) -> str:
        if self.used_at is not None:
            return "used"
        if self.revoked_at is not None:
            return "revoked"
        return "expired" if self.expires_at <= now else "live"

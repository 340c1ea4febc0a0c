"""Reads of the projected role grants, for access decisions."""

from __future__ import annotations

from uuid import UUID

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from tabel_platform.auth.principal import Principal
from tabel_reporting.domain.access import ROLE_CLASS_TEACHER, ROLE_STUDENT, GrantRow, Rights

_GRANTS = text(
    """SELECT role, scope_kind, scope_id, school_id FROM grants
    WHERE NOT revoked AND (subject = :subject OR person_id = CAST(:person AS uuid))
    ORDER BY grant_id"""
)


async def rights_of(session: AsyncSession, principal: Principal) -> Rights:
    rows = await session.execute(
        _GRANTS, {"subject": principal.subject, "person": principal.person_id}
    )
    return Rights(
        grants=tuple(GrantRow(r.role, r.scope_kind, r.scope_id, r.school_id) for r in rows),
        person_id=principal.person_id,
        token_roles=principal.roles,
    )


# A person's roles in a school: identity's grants, roster's class teacher assignments, and
# "student" for roster's students (who usually hold no grant).
_ROLES_IN_SCHOOL = text(
    """SELECT person_id, role FROM grants
        WHERE NOT revoked AND school_id = :s AND person_id = ANY(:ids)
    UNION SELECT class_teacher_id, CAST(:class_teacher AS integer) FROM classes
        WHERE school_id = :s AND class_teacher_id = ANY(:ids)
    UNION SELECT person_id, CAST(:student AS integer) FROM people
        WHERE school_id = :s AND is_student AND person_id = ANY(:ids)"""
)


async def roles_in_school(
    session: AsyncSession, school_id: UUID, person_ids: set[UUID]
) -> dict[UUID, set[int]]:
    """identity.v1.Role values per person (people with none are left out)."""
    rows = await session.execute(
        _ROLES_IN_SCHOOL,
        {"s": school_id, "ids": list(person_ids), "class_teacher": ROLE_CLASS_TEACHER,
         "student": ROLE_STUDENT},
    )  # fmt: skip
    found: dict[UUID, set[int]] = {}
    for r in rows:
        found.setdefault(r.person_id, set()).add(int(r.role))
    return found

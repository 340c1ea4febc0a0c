"""Loading what access decisions need, in one round trip per request."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any
from uuid import UUID

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from tabel_journal.domain.access import Assignment, Facts

# A person's grants, the school's changed role rights and the person's own, assignments,
# classes led and children, plus (optionally) a student's current classes and groups, as rows
# of (kind, a, b, c). Permissions travel space-separated (codes have no spaces).
FACTS_SQL = """
SELECT 'grant' AS k, role AS a, scope_kind AS b, scope_id::text AS c FROM grants
 WHERE school_id = :s AND person_id = :p AND (expires_at IS NULL OR expires_at > now())
UNION ALL
SELECT 'role_rights', role, array_to_string(permissions, ' '), NULL
  FROM role_rights WHERE school_id = :s
UNION ALL
SELECT 'person_rights', array_to_string(added, ' '), array_to_string(removed, ' '), NULL
  FROM person_rights WHERE school_id = :s AND person_id = :p
UNION ALL
SELECT 'assignment', subject_id::text, class_id::text, study_group_id::text
  FROM teaching_assignments WHERE school_id = :s AND teacher_id = :p
UNION ALL
SELECT 'leads', class_id::text, NULL, NULL
  FROM class_teachers WHERE school_id = :s AND teacher_id = :p
UNION ALL
SELECT 'child', student_id::text, NULL, NULL
  FROM guardianships WHERE school_id = :s AND guardian_id = :p
UNION ALL
SELECT 'unit', coalesce(class_id, study_group_id)::text,
       CASE WHEN class_id IS NULL THEN 'g' ELSE 'c' END, NULL
  FROM memberships WHERE school_id = :s AND person_id = :student
   AND (starts_on IS NULL OR starts_on <= :on) AND (ends_on IS NULL OR ends_on >= :on)
"""
_FACTS = text(FACTS_SQL)


@dataclass(frozen=True)
class StudentUnits:
    classes: frozenset[UUID]
    groups: frozenset[UUID]

    @property
    def all(self) -> frozenset[UUID]:
        return self.classes | self.groups


def facts_from_rows(person_id: UUID, rows: list[Any]) -> tuple[Facts, StudentUnits]:
    roles: set[str] = set()
    class_roles: set[tuple[str, UUID]] = set()
    person_roles: set[tuple[str, UUID]] = set()
    role_rights: dict[str, frozenset[str]] = {}
    added: frozenset[str] = frozenset()
    removed: frozenset[str] = frozenset()
    assignments: list[Assignment] = []
    leads: set[UUID] = set()
    children: set[UUID] = set()
    classes: set[UUID] = set()
    groups: set[UUID] = set()
    for k, a, b, c in rows:
        if k == "grant":
            if b == "class" and c:
                class_roles.add((a, UUID(c)))
            elif b == "person" and c:
                person_roles.add((a, UUID(c)))
            elif not b or b == "school":
                roles.add(a)
        elif k == "role_rights":
            role_rights[a] = frozenset((b or "").split())
        elif k == "person_rights":
            added, removed = frozenset((a or "").split()), frozenset((b or "").split())
        elif k == "assignment":
            assignments.append(Assignment(UUID(a), UUID(b), UUID(c) if c else None))
        elif k == "leads":
            leads.add(UUID(a))
        elif k == "child":
            children.add(UUID(a))
        elif k == "unit":
            (classes if b == "c" else groups).add(UUID(a))
    facts = Facts(
        person_id=person_id,
        roles=frozenset(roles),
        class_roles=frozenset(class_roles),
        person_roles=frozenset(person_roles),
        role_rights=role_rights,
        added=added,
        removed=removed,
        assignments=tuple(assignments),
        class_teacher_of=frozenset(leads),
        children=frozenset(children),
    )
    return facts, StudentUnits(frozenset(classes), frozenset(groups))


async def load(
    session: AsyncSession,
    *,
    school_id: UUID,
    person_id: UUID,
    student_id: UUID | None = None,
    on: date | None = None,
) -> tuple[Facts, StudentUnits]:
    rows = (
        await session.execute(
            _FACTS,
            {"s": school_id, "p": person_id, "student": student_id, "on": on or date.today()},
        )
    ).all()
    return facts_from_rows(person_id, list(rows))

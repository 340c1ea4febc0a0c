"""Who may read which report (deny by default).

- class teacher: the reports of their own class (from roster's class teacher assignment,
  or an identity grant of the class teacher role scoped to the class);
- management (director, deputy director grants in the school): every report of the school;
- municipal analyst: aggregates only, of the municipalities their grant is scoped to, or of
  the whole region for a region-scoped grant. The token must carry the platform role
  `municipal_analyst` AND identity must have granted ROLE_MUNICIPAL_ANALYST to the same
  account (matched by the token's `sub`): the role says what kind of account it is, the
  projected grant says where it looks. No token claim is trusted for the municipality.
"""

from __future__ import annotations

from dataclasses import dataclass
from uuid import UUID

ROLE_CLASS_TEACHER = 2
ROLE_DIRECTOR = 3
ROLE_DEPUTY_DIRECTOR = 4
ROLE_STUDENT = 6
ROLE_MUNICIPAL_ANALYST = 15
SCOPE_REGION = 1
SCOPE_MUNICIPALITY = 2
SCOPE_CLASS = 4
MANAGEMENT_ROLES = frozenset({ROLE_DIRECTOR, ROLE_DEPUTY_DIRECTOR})
ANALYST_TOKEN_ROLE = "municipal_analyst"  # noqa: S105 - a role name


@dataclass(frozen=True)
class GrantRow:
    role: int
    scope_kind: int
    scope_id: UUID | None
    school_id: UUID | None


@dataclass(frozen=True)
class Rights:
    grants: tuple[GrantRow, ...]
    person_id: UUID | None
    token_roles: frozenset[str]

    def is_management(self, school_id: UUID) -> bool:
        return any(g.role in MANAGEMENT_ROLES and g.school_id == school_id for g in self.grants)

    def is_class_teacher(
        self, *, school_id: UUID, class_id: UUID, class_teacher_id: UUID | None
    ) -> bool:
        if self.person_id is not None and self.person_id == class_teacher_id:
            return True
        return any(
            g.role == ROLE_CLASS_TEACHER
            and g.school_id == school_id
            and g.scope_kind == SCOPE_CLASS
            and g.scope_id == class_id
            for g in self.grants
        )

    def may_read_class(
        self, *, school_id: UUID, class_id: UUID, class_teacher_id: UUID | None
    ) -> bool:
        return self.is_management(school_id) or self.is_class_teacher(
            school_id=school_id, class_id=class_id, class_teacher_id=class_teacher_id
        )

    @property
    def is_analyst(self) -> bool:
        return ANALYST_TOKEN_ROLE in self.token_roles and any(
            g.role == ROLE_MUNICIPAL_ANALYST for g in self.grants
        )

    @property
    def whole_region(self) -> bool:
        return self.is_analyst and any(
            g.role == ROLE_MUNICIPAL_ANALYST and g.scope_kind == SCOPE_REGION for g in self.grants
        )

    def analyst_municipalities(self) -> frozenset[UUID]:
        if not self.is_analyst:
            return frozenset()
        return frozenset(
            g.scope_id
            for g in self.grants
            if g.role == ROLE_MUNICIPAL_ANALYST
            and g.scope_kind == SCOPE_MUNICIPALITY
            and g.scope_id is not None
        )

    def may_read_municipality(self, municipality_id: UUID) -> bool:
        return self.whole_region or municipality_id in self.analyst_municipalities()

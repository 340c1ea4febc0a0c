"""What the journal knows about a person and a lesson when it decides access (domain/access.py
decides): the person's grants, rights and relationships in one school, and a lesson's scope.
Plain values, loaded in one query (adapters/facts.py)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from uuid import UUID

from tabel_journal.domain import rights as r

MANAGEMENT = frozenset({"director", "deputy_director"})
# Roles that reach a class or a person only through a grant scoped to it, and only to read.
OBSERVERS = frozenset({"tutor"})


@dataclass(frozen=True)
class Assignment:
    subject_id: UUID
    class_id: UUID
    study_group_id: UUID | None = None


@dataclass(frozen=True)
class Facts:
    """What the journal knows about one person in one school."""

    person_id: UUID
    roles: frozenset[str] = frozenset()  # school-wide grants
    class_roles: frozenset[tuple[str, UUID]] = frozenset()  # grants scoped to a class
    person_roles: frozenset[tuple[str, UUID]] = frozenset()  # grants scoped to a person
    assignments: tuple[Assignment, ...] = ()
    class_teacher_of: frozenset[UUID] = frozenset()
    children: frozenset[UUID] = frozenset()
    role_rights: Mapping[str, frozenset[str]] = field(default_factory=dict)  # changed roles
    added: frozenset[str] = frozenset()  # given to the person
    removed: frozenset[str] = frozenset()  # taken from the person

    @cached_property
    def permissions(self) -> frozenset[str]:
        """The person's effective rights in the school. Leading a class by roster's
        assignment with a teacher grant acts as the class teacher role (as roster decides)."""
        roles = set(self.roles)
        roles |= {role for role, _ in self.class_roles | self.person_roles}
        if self.is_teacher and self.class_teacher_of:
            roles.add("class_teacher")
        return r.effective(roles, self.role_rights, self.added, self.removed)

    def may(self, permission: str) -> bool:
        return permission in self.permissions

    @property
    def is_management(self) -> bool:
        return bool(self.roles & MANAGEMENT)

    @property
    def is_teacher(self) -> bool:
        return "teacher" in self.roles or "class_teacher" in self.roles

    def led(self, class_ids: frozenset[UUID]) -> frozenset[UUID]:
        """Those of `class_ids` the person is class teacher of: by roster's assignment (with a
        teacher grant) or by a class teacher grant scoped to the class."""
        scoped = {cid for role, cid in self.class_roles if role == "class_teacher"}
        by_roster = self.class_teacher_of if self.is_teacher else frozenset()
        return class_ids & (scoped | by_roster)

    def leads(self, class_ids: frozenset[UUID]) -> bool:
        return bool(self.led(class_ids))

    def observes(self, units: frozenset[UUID]) -> bool:
        """A tutor's grant scoped to one of `units` (classes, or a student)."""
        scoped = self.class_roles | self.person_roles
        return any(role in OBSERVERS and unit in units for role, unit in scoped)


@dataclass(frozen=True)
class LessonScope:
    lesson_id: UUID
    subject_id: UUID
    class_ids: frozenset[UUID]
    study_group_ids: frozenset[UUID] = field(default_factory=frozenset)
    teacher_id: UUID | None = None
    substitute_teacher_id: UUID | None = None

"""Identity's copy of roster's people, classes, memberships and guardianships: what it needs
to invite people, print letters per class and decide relational grants (a guardian's
children, a student's classes)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from uuid import UUID

from sqlalchemy import Table, and_, select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from tabel_identity.adapters.tables import classes, guardianships, memberships, people


@dataclass(frozen=True)
class KnownPerson:
    school_id: UUID
    person_id: UUID
    last_name: str
    first_name: str
    middle_name: str
    kinds: frozenset[str]
    email: str

    @property
    def full_name(self) -> str:
        return " ".join(p for p in (self.last_name, self.first_name, self.middle_name) if p)


async def upsert(session: AsyncSession, table: Table, values: dict[str, Any]) -> None:
    keys = [c.name for c in table.primary_key.columns]
    stmt = insert(table).values(**values)
    rest = {k: stmt.excluded[k] for k in values if k not in keys}
    await session.execute(stmt.on_conflict_do_update(index_elements=keys, set_=rest))


async def person(session: AsyncSession, school_id: UUID, person_id: UUID) -> KnownPerson | None:
    query = select(people).where(people.c.school_id == school_id, people.c.person_id == person_id)
    row = (await session.execute(query)).first()
    return _person(row) if row else None


async def children(session: AsyncSession, school_id: UUID, guardian_id: UUID) -> frozenset[UUID]:
    g = guardianships.c
    query = select(g.student_id).where(
        g.school_id == school_id, g.guardian_id == guardian_id, g.removed.is_(False)
    )
    return frozenset((await session.execute(query)).scalars())


async def units(session: AsyncSession, school_id: UUID, person_id: UUID) -> frozenset[UUID]:
    m = memberships.c
    query = select(m.unit_id).where(
        m.school_id == school_id, m.person_id == person_id, m.ended.is_(False)
    )
    return frozenset((await session.execute(query)).scalars())


async def class_name(session: AsyncSession, school_id: UUID, class_id: UUID) -> str | None:
    query = select(classes.c.name).where(
        classes.c.school_id == school_id, classes.c.class_id == class_id
    )
    return (await session.execute(query)).scalar_one_or_none()


async def students_with_guardians(
    session: AsyncSession, school_id: UUID, class_id: UUID
) -> list[tuple[KnownPerson, list[KnownPerson]]]:
    """The class's current students, each with their guardians, in alphabetical order."""
    m, g = memberships.c, guardianships.c
    student_ids = select(m.person_id).where(
        m.school_id == school_id, m.unit_id == class_id, m.ended.is_(False)
    )
    students = [
        _person(r)
        for r in (
            await session.execute(
                select(people).where(
                    people.c.school_id == school_id, people.c.person_id.in_(student_ids)
                )
            )
        ).all()
    ]
    students.sort(key=lambda p: (p.last_name, p.first_name, p.middle_name))
    pairs = (
        await session.execute(
            select(g.student_id, people)
            .join(
                people, and_(people.c.school_id == g.school_id, people.c.person_id == g.guardian_id)
            )
            .where(g.school_id == school_id, g.removed.is_(False))
            .where(g.student_id.in_([s.person_id for s in students]))
        )
    ).all()
    by_student: dict[UUID, list[KnownPerson]] = {}
    for row in pairs:
        by_student.setdefault(row.student_id, []).append(_person(row))
    return [
        (s, sorted(by_student.get(s.person_id, []), key=lambda p: p.full_name)) for s in students
    ]


def _person(row: Any) -> KnownPerson:
    return KnownPerson(
        school_id=row.school_id,
        person_id=row.person_id,
        last_name=row.last_name,
        first_name=row.first_name,
        middle_name=row.middle_name,
        kinds=frozenset(row.kinds),
        email=row.email,
    )

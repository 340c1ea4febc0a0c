"""Roster's people and guardianships as schedule keeps them: who is staff of the school
(may teach), and whose children a guardian may look at."""

from __future__ import annotations

from collections.abc import Iterable
from uuid import UUID

from sqlalchemy import any_, delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from tabel_schedule.adapters.projection_tables import guardianships, people

STAFF = "staff"


async def remove_guardianship(session: AsyncSession, guardianship_id: UUID) -> None:
    await session.execute(delete(guardianships).where(guardianships.c.id == guardianship_id))


async def not_staff(session: AsyncSession, person_ids: Iterable[UUID]) -> set[UUID]:
    """Those of `person_ids` that are not (known as) staff of the school."""
    wanted = set(person_ids)
    query = select(people.c.id).where(people.c.id.in_(wanted), any_(people.c.kinds) == STAFF)
    return wanted - set((await session.execute(query)).scalars())


async def children_of(session: AsyncSession, guardian_id: UUID) -> frozenset[UUID]:
    query = select(guardianships.c.student_id).where(guardianships.c.guardian_id == guardian_id)
    return frozenset((await session.execute(query)).scalars())

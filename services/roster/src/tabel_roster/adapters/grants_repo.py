"""Identity's grants and rights as roster keeps them, and the facts one access check needs."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any
from uuid import UUID

from sqlalchemy import delete, select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from tabel_roster.adapters.classes_repo import memberships_on
from tabel_roster.adapters.projection_tables import access_grants, person_rights, role_rights
from tabel_roster.adapters.tables import classes, guardianships
from tabel_roster.domain.rights import HeldGrant, Holder, active


async def put_grant(session: AsyncSession, values: dict[str, Any]) -> None:
    query = insert(access_grants).values(**values)
    keys = {k: query.excluded[k] for k in values if k != "grant_id"}
    await session.execute(query.on_conflict_do_update(index_elements=["grant_id"], set_=keys))


async def drop_grant(session: AsyncSession, grant_id: UUID) -> None:
    await session.execute(delete(access_grants).where(access_grants.c.grant_id == grant_id))


async def put_role_rights(
    session: AsyncSession, school_id: UUID, role: str, effective: list[str]
) -> None:
    query = insert(role_rights).values(school_id=school_id, role=role, effective=effective)
    await session.execute(
        query.on_conflict_do_update(
            index_elements=["school_id", "role"], set_={"effective": query.excluded.effective}
        )
    )


async def put_person_rights(session: AsyncSession, values: dict[str, Any]) -> None:
    query = insert(person_rights).values(**values)
    keys = {k: query.excluded[k] for k in ("person_id", "added", "removed")}
    await session.execute(
        query.on_conflict_do_update(index_elements=["school_id", "subject"], set_=keys)
    )


async def grant_known(session: AsyncSession, grant_id: UUID) -> bool:
    query = select(access_grants.c.grant_id).where(access_grants.c.grant_id == grant_id)
    return (await session.execute(query)).first() is not None


async def holder(session: AsyncSession, subject: str, person_id: UUID | None) -> Holder:
    """The account's grants and rights in the transaction's school, with roster relations."""
    query = select(access_grants).where(access_grants.c.subject == subject)
    rows = (await session.execute(query)).all()
    grants = active(
        [HeldGrant(r.role, r.scope_kind, r.scope_id, r.expires_at) for r in rows],
        datetime.now(UTC),
    )
    if not grants:
        return Holder(person_id=person_id)
    roles = {g.role for g in grants}
    rights = await session.execute(select(role_rights).where(role_rights.c.role.in_(roles)))
    own = (
        await session.execute(select(person_rights).where(person_rights.c.subject == subject))
    ).first()
    person = person_id or next((r.person_id for r in rows if r.person_id), None)
    return Holder(
        person_id=person,
        grants=grants,
        role_rights={r.role: frozenset(r.effective) for r in rights},
        added=frozenset(own.added) if own else frozenset(),
        removed=frozenset(own.removed) if own else frozenset(),
        children=await _children(session, person) if person else frozenset(),
        led_classes=await _led(session, person) if person else frozenset(),
    )


async def units_of(session: AsyncSession, person_id: UUID) -> frozenset[UUID]:
    """The classes and study groups a person is in today."""
    found = await memberships_on(session, date.today(), person_id=person_id)
    return frozenset(u for m in found for u in (m.class_id, m.study_group_id) if u)


async def _children(session: AsyncSession, guardian_id: UUID) -> frozenset[UUID]:
    query = select(guardianships.c.student_id).where(
        guardianships.c.guardian_id == guardian_id, guardianships.c.removed_at.is_(None)
    )
    return frozenset((await session.execute(query)).scalars())


async def _led(session: AsyncSession, teacher_id: UUID) -> frozenset[UUID]:
    query = select(classes.c.id).where(classes.c.class_teacher_id == teacher_id)
    return frozenset((await session.execute(query)).scalars())

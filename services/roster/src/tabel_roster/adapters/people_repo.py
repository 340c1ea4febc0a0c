"""Loading and saving people, their positions, consents, the personal-data log, guardianships."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any
from uuid import UUID

from sqlalchemy import any_, delete, func, insert, literal, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from tabel_platform.events.envelope import Actor
from tabel_roster.adapters.tables import (
    consents,
    guardianships,
    personal_data_log,
    persons,
    staff_positions,
)
from tabel_roster.domain.people import Consent, Person, PersonalData, PersonKind


def _values(p: Person) -> dict[str, Any]:
    return {
        "last_name": p.last_name,
        "first_name": p.first_name,
        "middle_name": p.middle_name,
        "kinds": [str(k) for k in p.kinds],
        "consent": int(p.consent),
        **asdict(p.data),
    }


async def add(session: AsyncSession, p: Person) -> None:
    await add_many(session, [p])


async def add_many(session: AsyncSession, people: list[Person]) -> None:
    """Insert people and their positions in two statements (an import adds thousands)."""
    if not people:
        return
    await session.execute(
        insert(persons), [{"id": p.id, "school_id": p.school_id, **_values(p)} for p in people]
    )
    positions = [
        {"school_id": p.school_id, "person_id": p.id, "position": x}
        for p in people
        for x in p.positions
    ]
    if positions:
        await session.execute(insert(staff_positions), positions)


async def update_person(session: AsyncSession, p: Person) -> None:
    await session.execute(
        update(persons).where(persons.c.id == p.id).values(updated_at=func.now(), **_values(p))
    )
    await session.execute(delete(staff_positions).where(staff_positions.c.person_id == p.id))
    await _write_positions(session, p)


async def _write_positions(session: AsyncSession, p: Person) -> None:
    if p.positions:
        await session.execute(
            insert(staff_positions),
            [{"school_id": p.school_id, "person_id": p.id, "position": x} for x in p.positions],
        )


def _person(row: Any, positions: list[str]) -> Person:
    return Person(
        id=row.id,
        school_id=row.school_id,
        last_name=row.last_name,
        first_name=row.first_name,
        middle_name=row.middle_name,
        kinds=[PersonKind(k) for k in row.kinds],
        consent=Consent(row.consent),
        data=PersonalData(
            birth_date=row.birth_date,
            sex=row.sex,
            email=row.email,
            phone=row.phone,
            snils=row.snils,
            document=row.document,
            address=row.address,
        ),
        positions=sorted(positions),
    )


async def get(session: AsyncSession, person_id: UUID, *, lock: bool = False) -> Person | None:
    query = select(persons).where(persons.c.id == person_id)
    row = (await session.execute(query.with_for_update() if lock else query)).first()
    if row is None:
        return None
    positions = await session.execute(
        select(staff_positions.c.position).where(staff_positions.c.person_id == person_id)
    )
    return _person(row, list(positions.scalars()))


async def get_many(session: AsyncSession, ids: list[UUID]) -> dict[UUID, Person]:
    return {p.id: p for p in await find(session, ids=ids, limit=len(ids) or 1)}


async def find(
    session: AsyncSession,
    *,
    kind: PersonKind | None = None,
    text: str | None = None,
    ids: list[UUID] | None = None,
    limit: int = 100,
    offset: int = 0,
) -> list[Person]:
    query = select(persons).order_by(persons.c.last_name, persons.c.first_name, persons.c.id)
    if kind:
        query = query.where(literal(str(kind)) == any_(persons.c.kinds))
    if text:
        like = func.lower(literal(f"%{text}%"))
        query = query.where(
            or_(
                func.lower(persons.c.last_name).like(like),
                func.lower(persons.c.first_name).like(like),
            )
        )
    if ids is not None:
        query = query.where(persons.c.id.in_(ids))
    rows = list(await session.execute(query.limit(limit).offset(offset)))
    found = [r.id for r in rows]
    positions: dict[UUID, list[str]] = {}
    for pid, pos in await session.execute(
        select(staff_positions.c.person_id, staff_positions.c.position).where(
            staff_positions.c.person_id.in_(found)
        )
    ):
        positions.setdefault(pid, []).append(pos)
    return [_person(r, positions.get(r.id, [])) for r in rows]


async def log_change(
    session: AsyncSession, person: Person, *, action: str, fields: list[str], actor: Actor
) -> None:
    await log_changes(session, [(person, fields)], action=action, actor=actor)


async def log_changes(
    session: AsyncSession, entries: list[tuple[Person, list[str]]], *, action: str, actor: Actor
) -> None:
    """One personal-data log row per (person, fields changed), in one statement."""
    if not entries:
        return
    actor_person = UUID(actor.person_id) if actor.person_id else None
    await session.execute(
        insert(personal_data_log),
        [
            {
                "school_id": p.school_id,
                "person_id": p.id,
                "action": action,
                "fields": fields,
                "actor_subject": actor.subject,
                "actor_person_id": actor_person,
            }
            for p, fields in entries
        ],
    )


async def change_log(session: AsyncSession, person_id: UUID) -> list[Any]:
    query = select(personal_data_log).where(personal_data_log.c.person_id == person_id)
    return list(await session.execute(query.order_by(personal_data_log.c.id)))


async def add_consents(session: AsyncSession, rows: list[dict[str, Any]]) -> None:
    if rows:
        await session.execute(insert(consents), rows)


async def consent_history(session: AsyncSession, person_id: UUID) -> list[Any]:
    query = select(consents).where(consents.c.person_id == person_id)
    return list(await session.execute(query.order_by(consents.c.recorded_at)))


async def add_guardianship(session: AsyncSession, **values: Any) -> None:
    await add_guardianships(session, [values])


async def add_guardianships(session: AsyncSession, rows: list[dict[str, Any]]) -> None:
    if rows:
        await session.execute(insert(guardianships), rows)


async def active_pairs(session: AsyncSession) -> set[tuple[UUID, UUID]]:
    """(guardian, student) of every active guardianship in the school."""
    query = select(guardianships.c.guardian_id, guardianships.c.student_id).where(
        guardianships.c.removed_at.is_(None)
    )
    return {(g, s) for g, s in await session.execute(query)}


async def active_guardianship(
    session: AsyncSession,
    *,
    guardianship_id: UUID | None = None,
    pair: tuple[UUID, UUID] | None = None,
) -> Any:
    query = select(guardianships).where(guardianships.c.removed_at.is_(None))
    if guardianship_id:
        query = query.where(guardianships.c.id == guardianship_id)
    if pair:
        query = query.where(
            guardianships.c.guardian_id == pair[0], guardianships.c.student_id == pair[1]
        )
    return (await session.execute(query)).first()


async def end_guardianship(session: AsyncSession, guardianship_id: UUID, reason: str) -> None:
    await session.execute(
        update(guardianships)
        .where(guardianships.c.id == guardianship_id)
        .values(removed_at=func.now(), removal_reason=reason)
    )


async def guardianships_of(session: AsyncSession, person_id: UUID) -> list[Any]:
    query = select(guardianships).where(
        guardianships.c.removed_at.is_(None),
        or_(guardianships.c.student_id == person_id, guardianships.c.guardian_id == person_id),
    )
    return list(await session.execute(query.order_by(guardianships.c.added_at)))

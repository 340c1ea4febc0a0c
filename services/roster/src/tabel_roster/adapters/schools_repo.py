"""Loading and saving municipalities, schools and their domains in roster's database."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from sqlalchemy import delete, func, insert, literal, select, update
from sqlalchemy.dialects.postgresql import aggregate_order_by
from sqlalchemy.ext.asyncio import AsyncSession

from tabel_roster.adapters.tables import municipalities, school_domains, schools
from tabel_roster.domain.schools import Municipality, School


async def add_municipality(session: AsyncSession, m: Municipality) -> None:
    await session.execute(insert(municipalities).values(id=m.id, name=m.name, oktmo=m.oktmo))


async def get_municipality(session: AsyncSession, municipality_id: UUID) -> Municipality | None:
    row = (
        await session.execute(select(municipalities).where(municipalities.c.id == municipality_id))
    ).first()
    return Municipality(id=row.id, name=row.name, oktmo=row.oktmo) if row else None


async def municipality_named(session: AsyncSession, name: str) -> UUID | None:
    # Both sides lowered by PostgreSQL: Python's and a C-locale database's lower() differ.
    query = select(municipalities.c.id).where(
        func.lower(municipalities.c.name) == func.lower(literal(name))
    )
    return (await session.execute(query)).scalar_one_or_none()


async def list_municipalities(session: AsyncSession) -> list[Municipality]:
    rows = await session.execute(select(municipalities).order_by(municipalities.c.name))
    return [Municipality(id=r.id, name=r.name, oktmo=r.oktmo) for r in rows]


def _values(school: School) -> dict[str, Any]:
    return {
        "municipality_id": school.municipality_id,
        "name": school.name,
        "short_name": school.short_name,
        "time_zone": school.time_zone,
        "grade_levels": school.grade_levels,
        "school_week_days": school.school_week_days,
        "grading_scale": school.grading_scale,
    }


async def add(session: AsyncSession, school: School) -> None:
    await session.execute(
        insert(schools).values(id=school.id, school_id=school.id, **_values(school))
    )
    await _write_domains(session, school)


async def update_school(session: AsyncSession, school: School) -> None:
    await session.execute(
        update(schools)
        .where(schools.c.id == school.id)
        .values(updated_at=func.now(), **_values(school))
    )
    await session.execute(delete(school_domains).where(school_domains.c.school_id == school.id))
    await _write_domains(session, school)


async def _write_domains(session: AsyncSession, school: School) -> None:
    if school.domains:
        await session.execute(
            insert(school_domains),
            [
                {"domain": d, "school_id": school.id, "is_primary": int(i == 0)}
                for i, d in enumerate(school.domains)
            ],
        )


def _school(row: Any, domains: list[str]) -> School:
    return School(
        id=row.id,
        municipality_id=row.municipality_id,
        name=row.name,
        short_name=row.short_name,
        domains=domains,
        time_zone=row.time_zone,
        grade_levels=list(row.grade_levels),
        school_week_days=row.school_week_days,
        grading_scale=row.grading_scale,
    )


async def get(session: AsyncSession, school_id: UUID, *, lock: bool = False) -> School | None:
    query = select(schools).where(schools.c.id == school_id)
    row = (await session.execute(query.with_for_update() if lock else query)).first()
    if row is None:
        return None
    domains = (
        await session.execute(
            select(school_domains.c.domain)
            .where(school_domains.c.school_id == school_id)
            .order_by(school_domains.c.is_primary.desc(), school_domains.c.domain)
        )
    ).scalars()
    return _school(row, list(domains))


async def list_schools(session: AsyncSession, municipality_id: UUID | None) -> list[School]:
    query = select(schools).order_by(schools.c.name)
    if municipality_id:
        query = query.where(schools.c.municipality_id == municipality_id)
    rows = list(await session.execute(query))
    domain_rows = await session.execute(
        select(school_domains).order_by(school_domains.c.is_primary.desc(), school_domains.c.domain)
    )
    by_school: dict[UUID, list[str]] = {}
    for d in domain_rows:
        by_school.setdefault(d.school_id, []).append(d.domain)
    return [_school(r, by_school.get(r.id, [])) for r in rows]


async def taken_domains(
    session: AsyncSession, domains: list[str], *, except_school: UUID | None = None
) -> list[str]:
    """Which of `domains` already belong to another school (call across schools)."""
    query = select(school_domains.c.domain).where(school_domains.c.domain.in_(domains))
    if except_school:
        query = query.where(school_domains.c.school_id != except_school)
    return sorted((await session.execute(query)).scalars())


async def by_domain(session: AsyncSession, domain: str) -> School | None:
    """The school served at `domain`, with all its domains, in one round trip (the hot lookup)."""
    school_id = (
        select(school_domains.c.school_id)
        .where(school_domains.c.domain == domain)
        .scalar_subquery()
    )
    ordered = aggregate_order_by(
        school_domains.c.domain, school_domains.c.is_primary.desc(), school_domains.c.domain
    )
    domains = (
        select(func.array_agg(ordered))
        .where(school_domains.c.school_id == schools.c.id)
        .scalar_subquery()
    )
    query = select(schools, domains.label("all_domains")).where(schools.c.id == school_id)
    row = (await session.execute(query)).first()
    return _school(row, list(row.all_domains or [])) if row else None

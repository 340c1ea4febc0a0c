"""Loading and saving schools (and their domains) in roster's database."""

from __future__ import annotations

from uuid import UUID

from sqlalchemy import insert, select
from sqlalchemy.ext.asyncio import AsyncSession

from tabel_roster.adapters.tables import school_domains, schools
from tabel_roster.domain.schools import School


async def add(session: AsyncSession, school: School) -> None:
    await session.execute(
        insert(schools).values(
            id=school.id,
            school_id=school.id,
            municipality_id=school.municipality_id,
            name=school.name,
            short_name=school.short_name,
            time_zone=school.time_zone,
            grade_levels=school.grade_levels,
            school_week_days=school.school_week_days,
        )
    )
    if school.domains:
        await session.execute(
            insert(school_domains),
            [
                {"domain": d, "school_id": school.id, "is_primary": int(i == 0)}
                for i, d in enumerate(school.domains)
            ],
        )


async def get(session: AsyncSession, school_id: UUID) -> School | None:
    row = (await session.execute(select(schools).where(schools.c.id == school_id))).first()
    if row is None:
        return None
    domains = (
        await session.execute(
            select(school_domains.c.domain)
            .where(school_domains.c.school_id == school_id)
            .order_by(school_domains.c.is_primary.desc(), school_domains.c.domain)
        )
    ).scalars()
    return School(
        id=row.id,
        municipality_id=row.municipality_id,
        name=row.name,
        short_name=row.short_name,
        domains=list(domains),
        time_zone=row.time_zone,
        grade_levels=list(row.grade_levels),
        school_week_days=row.school_week_days,
    )


async def taken_domains(session: AsyncSession, domains: list[str]) -> list[str]:
    """Which of `domains` already belong to some school (any school: call across schools)."""
    rows = await session.execute(
        select(school_domains.c.domain).where(school_domains.c.domain.in_(domains))
    )
    return sorted(rows.scalars())


async def school_for_domain(session: AsyncSession, domain: str) -> UUID | None:
    row = await session.execute(
        select(school_domains.c.school_id).where(school_domains.c.domain == domain)
    )
    return row.scalar_one_or_none()

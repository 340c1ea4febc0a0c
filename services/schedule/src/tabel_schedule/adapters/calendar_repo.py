"""Academic years with their terms and holidays."""

from __future__ import annotations

from datetime import date
from typing import Any
from uuid import UUID

from sqlalchemy import func, insert, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from tabel_schedule.adapters.tables import academic_years, holidays, terms
from tabel_schedule.domain.calendar import AcademicYear, Holiday, Term, TermKind


async def add(session: AsyncSession, year: AcademicYear) -> None:
    await session.execute(
        insert(academic_years).values(
            id=year.id,
            school_id=year.school_id,
            start_year=year.start_year,
            name=year.name,
            starts_on=year.starts_on,
            ends_on=year.ends_on,
            time_zone=year.time_zone,
        )
    )
    common = {"school_id": year.school_id, "academic_year_id": year.id}
    if year.terms:
        await session.execute(
            insert(terms),
            [
                {
                    **common,
                    "id": t.id,
                    "kind": t.kind.value,
                    "number": t.number,
                    "grade_levels": list(t.grade_levels),
                    "starts_on": t.starts_on,
                    "ends_on": t.ends_on,
                    "closed": t.closed,
                }
                for t in year.terms
            ],
        )
    if year.holidays:
        await session.execute(
            insert(holidays),
            [
                {
                    **common,
                    "id": h.id,
                    "name": h.name,
                    "starts_on": h.starts_on,
                    "ends_on": h.ends_on,
                    "grade_levels": list(h.grade_levels),
                }
                for h in year.holidays
            ],
        )


async def exists(session: AsyncSession, start_year: int) -> bool:
    query = select(academic_years.c.id).where(academic_years.c.start_year == start_year)
    return (await session.execute(query)).first() is not None


async def get(session: AsyncSession, year_id: UUID) -> AcademicYear | None:
    row = (
        await session.execute(select(academic_years).where(academic_years.c.id == year_id))
    ).first()
    return await _load(session, row) if row else None


async def containing(session: AsyncSession, day: date) -> AcademicYear | None:
    query = select(academic_years).where(
        academic_years.c.starts_on <= day, academic_years.c.ends_on >= day
    )
    row = (await session.execute(query)).first()
    return await _load(session, row) if row else None


async def list_all(session: AsyncSession) -> list[AcademicYear]:
    rows = (await session.execute(select(academic_years).order_by("start_year"))).all()
    return [await _load(session, row) for row in rows]


async def term(
    session: AsyncSession, term_id: UUID, *, lock: bool = False
) -> tuple[Term, UUID] | None:
    query = select(terms).where(terms.c.id == term_id)
    row = (await session.execute(query.with_for_update() if lock else query)).first()
    return (_term(row), row.academic_year_id) if row else None


async def close_term(session: AsyncSession, term_id: UUID, *, by: str) -> None:
    await session.execute(
        update(terms)
        .where(terms.c.id == term_id)
        .values(closed=True, closed_at=func.now(), closed_by=by)
    )


async def _load(session: AsyncSession, row: Any) -> AcademicYear:
    term_rows = await session.execute(
        select(terms).where(terms.c.academic_year_id == row.id).order_by("starts_on", "number")
    )
    holiday_rows = await session.execute(
        select(holidays).where(holidays.c.academic_year_id == row.id).order_by("starts_on")
    )
    return AcademicYear(
        id=row.id,
        school_id=row.school_id,
        start_year=row.start_year,
        starts_on=row.starts_on,
        ends_on=row.ends_on,
        time_zone=row.time_zone,
        terms=[_term(t) for t in term_rows],
        holidays=[
            Holiday(h.id, h.name, h.starts_on, h.ends_on, tuple(h.grade_levels))
            for h in holiday_rows
        ],
    )


def _term(row: Any) -> Term:
    return Term(
        id=row.id,
        kind=TermKind(row.kind),
        number=row.number,
        grade_levels=tuple(row.grade_levels),
        starts_on=row.starts_on,
        ends_on=row.ends_on,
        closed=row.closed,
        closed_at=row.closed_at,
    )

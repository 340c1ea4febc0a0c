"""Everything of one school that its OneRoster view is built from, read in one transaction."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from tabel_roster.adapters import classes_repo, people_repo, schools_repo, terms_repo
from tabel_roster.adapters.tables import consents, guardianships, memberships
from tabel_roster.domain.classes import Membership
from tabel_roster.domain.oneroster_data import SchoolData
from tabel_roster.domain.oneroster_sessions import SchoolYear, Term
from tabel_roster.domain.people import Relation


async def load(session: AsyncSession, school_id: UUID) -> SchoolData | None:
    school = await schools_repo.get(session, school_id)
    if school is None:
        return None
    municipality = await schools_repo.get_municipality(session, school.municipality_id)
    people = await people_repo.find(session, limit=1_000_000)
    rows = await session.execute(select(memberships).where(memberships.c.class_id.is_not(None)))
    members = [
        Membership(
            r.id, r.school_id, r.person_id, r.starts_on, r.class_id, r.study_group_id, r.ends_on
        )
        for r in rows
    ]
    guardians: dict[UUID, list[tuple[UUID, Relation]]] = {}
    links = await session.execute(select(guardianships).where(guardianships.c.removed_at.is_(None)))
    for g in links:
        guardians.setdefault(g.student_id, []).append((g.guardian_id, Relation(g.relation)))
    consent_by: dict[UUID, str] = {}
    for c in await session.execute(select(consents).order_by(consents.c.recorded_at)):
        consent_by[c.person_id] = c.given_by
    return SchoolData(
        school_id=school.id,
        school_name=school.name,
        municipality_id=school.municipality_id,
        municipality_name=municipality.name if municipality else "",
        classes=await classes_repo.list_classes(session, year=None, grade=None),
        people=people,
        memberships=sorted(members, key=lambda m: (m.starts_on, str(m.id))),
        guardians=guardians,
        consent_by=consent_by,
        **await _calendar(session),
    )


async def _calendar(session: AsyncSession) -> dict[str, Any]:
    """Schedule's academic years and terms as roster projected them."""
    years = {r.id: r for r in await terms_repo.years(session)}
    terms = [
        Term(t.id, years[t.academic_year_id].start_year, t.kind, t.number,
             tuple(sorted(t.grade_levels)), t.starts_on, t.ends_on)
        for t in await terms_repo.terms_of_school(session)
        if t.academic_year_id in years
    ]  # fmt: skip
    return {
        "years": [SchoolYear(y.start_year, y.name, y.starts_on, y.ends_on) for y in years.values()],
        "terms": terms,
    }

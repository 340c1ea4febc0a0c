"""Reads of the school's structure from the read models: classes, terms, class lists."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from uuid import UUID

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from tabel_reporting.domain.class_progress import Student

TERM_KINDS = {1: "{n}-я четверть", 2: "{n}-й триместр", 3: "{n}-е полугодие"}


@dataclass(frozen=True)
class ClassInfo:
    class_id: UUID
    school_id: UUID
    name: str
    grade_level: int
    academic_year_start: int
    class_teacher_id: UUID | None


@dataclass(frozen=True)
class TermInfo:
    term_id: UUID
    school_id: UUID
    academic_year_id: UUID | None
    name: str
    starts_on: date | None
    ends_on: date | None
    closed: bool


async def class_info(session: AsyncSession, class_id: UUID) -> ClassInfo | None:
    row = (
        await session.execute(
            text(
                "SELECT class_id, school_id, name, grade_level, academic_year_start, "
                "class_teacher_id FROM classes WHERE class_id = :c"
            ),
            {"c": class_id},
        )
    ).first()
    return ClassInfo(**row._mapping) if row else None


async def term_info(session: AsyncSession, term_id: UUID) -> TermInfo | None:
    row = (
        await session.execute(
            text(
                "SELECT t.*, y.name AS year_name FROM terms t "
                "LEFT JOIN academic_years y USING (academic_year_id) WHERE t.term_id = :t"
            ),
            {"t": term_id},
        )
    ).first()
    if row is None:
        return None
    name = TERM_KINDS.get(row.kind, "Учебный период {n}").format(n=row.number)
    if row.year_name:
        name += f" {row.year_name} уч. г."
    return TermInfo(
        term_id=row.term_id,
        school_id=row.school_id,
        academic_year_id=row.academic_year_id,
        name=name,
        starts_on=row.starts_on,
        ends_on=row.ends_on,
        closed=row.closed,
    )


_MEMBERS = text(
    """SELECT DISTINCT m.person_id, p.last_name, p.first_name, p.middle_name
    FROM memberships m LEFT JOIN people p ON p.person_id = m.person_id
    WHERE m.class_id = :class
      AND (m.starts_on IS NULL OR CAST(:until AS date) IS NULL OR m.starts_on <= :until)
      AND (m.ends_on IS NULL OR CAST(:since AS date) IS NULL OR m.ends_on >= :since)"""
)


async def class_members(
    session: AsyncSession, class_id: UUID, since: date | None, until: date | None
) -> list[Student]:
    """Students in the class at any time in the period, in the order of the class list."""
    rows = await session.execute(_MEMBERS, {"class": class_id, "since": since, "until": until})
    students = [
        Student(
            r.person_id,
            person_name(r),
            (r.last_name or "", r.first_name or "", r.middle_name or ""),
        )
        for r in rows
    ]
    return sorted(students, key=lambda s: (s.name.lower(), str(s.id)))


def person_name(row: object) -> str:
    parts = [getattr(row, f, None) for f in ("last_name", "first_name", "middle_name")]
    name = " ".join(p for p in parts if p)
    return name or f"(нет данных о человеке {str(getattr(row, 'person_id', ''))[:8]})"


async def class_subjects(session: AsyncSession, class_id: UUID, term_id: UUID) -> set[UUID]:
    """Subjects with lessons for the class in the term."""
    rows = await session.execute(
        text(
            "SELECT DISTINCT subject_id FROM lessons "
            "WHERE :c = ANY(class_ids) AND term_id = :t AND subject_id IS NOT NULL"
        ),
        {"c": class_id, "t": term_id},
    )
    return {r.subject_id for r in rows}


async def subject_names(session: AsyncSession, ids: set[UUID]) -> dict[UUID, str]:
    rows = await session.execute(
        text("SELECT subject_id, name FROM subjects WHERE subject_id = ANY(:ids)"),
        {"ids": list(ids)},
    )
    return {r.subject_id: r.name for r in rows}

"""Final marks, the term and class facts they depend on, and the marks a suggestion averages:
SQL only."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

_TERM = text(
    "SELECT term_id, academic_year_id, closed FROM terms WHERE school_id = :s AND term_id = :t"
)
_GRADE = text("SELECT min(grade_level) FROM classes WHERE school_id = :s AND class_id = ANY(:c)")
_CURRENT = text(
    "SELECT to_jsonb(f) FROM final_marks f WHERE school_id = :s AND student_id = :st "
    "AND subject_id = :sub AND kind = :k AND period_id = :p"
)
_UPSERT = text("""
INSERT INTO final_marks (school_id, final_mark_id, student_id, subject_id, kind, period_id, term_id,
  academic_year_id, value, scale, teacher_id, set_as, set_at, version)
VALUES (:school_id, :final_mark_id, :student_id, :subject_id, :kind, :period_id, :term_id,
  :academic_year_id, :value, :scale, :teacher_id, :set_as, :set_at, :version)
ON CONFLICT (school_id, final_mark_id) DO UPDATE SET value = EXCLUDED.value, scale = EXCLUDED.scale,
  teacher_id = EXCLUDED.teacher_id, set_as = EXCLUDED.set_as, set_at = EXCLUDED.set_at,
  version = EXCLUDED.version
""")
_MARKS = text(
    "SELECT value, weight, scale FROM marks WHERE school_id = :s AND student_id = :st "
    "AND subject_id = :sub AND term_id = :t AND NOT deleted"
)


async def term(session: AsyncSession, *, school_id: UUID, term_id: UUID) -> Any:
    return (await session.execute(_TERM, {"s": school_id, "t": term_id})).first()


async def grade_level(session: AsyncSession, *, school_id: UUID, class_ids: list[UUID]) -> int:
    found = (await session.execute(_GRADE, {"s": school_id, "c": class_ids})).scalar()
    return int(found or 0)


async def current(
    session: AsyncSession,
    *,
    school_id: UUID,
    student_id: UUID,
    subject_id: UUID,
    kind: str,
    period_id: UUID,
) -> Any:
    params = {"s": school_id, "st": student_id, "sub": subject_id, "k": kind, "p": period_id}
    return (await session.execute(_CURRENT, params)).scalar()


async def save(session: AsyncSession, row: dict[str, Any]) -> None:
    await session.execute(_UPSERT, row)


async def term_marks(
    session: AsyncSession, *, school_id: UUID, student_id: UUID, subject_id: UUID, term_id: UUID
) -> list[Any]:
    params = {"s": school_id, "st": student_id, "sub": subject_id, "t": term_id}
    return list((await session.execute(_MARKS, params)).all())

"""The pre-aggregated progress (migration 0002), refreshed from the other read models.

A refresh takes a set of (student, subject, term) keys, recomputes their contributions from
`subject_results`, `final_marks`, `terms`, `academic_years`, `subjects`, `memberships` and
`classes`, and recomputes the cells and cohorts those contributions were or now are in.
Every figure is thus a pure function of the base read models: the order events arrive in
does not matter, and a replay gives identical rows.

Marks and final marks refresh their key; a membership or class refreshes its students; a
subject's new name or a term's new number refreshes what is filed under it. Those inputs
come from different consumers, so a refresh first takes a per-school advisory lock: a
concurrent refresh of the same school waits and then sees the other's committed rows
(otherwise each could compute from a snapshot missing the other's change).
"""

from __future__ import annotations

from collections.abc import Sequence
from uuid import UUID

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from tabel_reporting.adapters.progress_sql import BULK, CELLS, COHORTS, REFRESH

_KEYS_OF = {
    "student": "SELECT student_id, subject_id, term_id FROM progress_contributions "
    "WHERE student_id = ANY(:ids)",
    "subject": "SELECT student_id, subject_id, term_id FROM progress_contributions "
    "WHERE subject_id = :id",
    "term": "SELECT student_id, subject_id, term_id FROM progress_contributions "
    "WHERE term_id = :id",
    "given": "SELECT CAST(:student AS uuid) AS student_id, CAST(:subject AS uuid) AS subject_id, "
    "CAST(:term AS uuid) AS term_id",
}
_STATEMENTS = {kind: text(REFRESH.format(keys=sql)) for kind, sql in _KEYS_OF.items()}
_LOCK = text("SELECT pg_advisory_xact_lock(7, hashtext(CAST(CAST(:school AS uuid) AS text)))")


async def lock_school(session: AsyncSession, school_id: UUID) -> None:
    await session.execute(_LOCK, {"school": school_id})


async def refresh_result(
    session: AsyncSession, *, school_id: UUID, student: UUID, subject: UUID, term: UUID
) -> None:
    """A mark or final mark of the student changed."""
    await _refresh(
        session, school_id, "given", {"student": student, "subject": subject, "term": term}
    )


async def refresh_students(
    session: AsyncSession, *, school_id: UUID, students: Sequence[UUID]
) -> None:
    """The students' classes (so grade levels) may have changed."""
    if students:
        await _refresh(session, school_id, "student", {"ids": list(students)})


async def refresh_subject(session: AsyncSession, *, school_id: UUID, subject: UUID) -> None:
    await _refresh(session, school_id, "subject", {"id": subject})


async def refresh_term(session: AsyncSession, *, school_id: UUID, term: UUID) -> None:
    await _refresh(session, school_id, "term", {"id": term})


async def refresh_everything(session: AsyncSession) -> None:
    """Everything from the base read models (a bulk load, a repair)."""
    await session.execute(text("TRUNCATE progress_contributions, progress_cells, progress_cohorts"))
    for statement in BULK:
        await session.execute(text(statement))


async def _refresh(
    session: AsyncSession, school_id: UUID, kind: str, params: dict[str, object]
) -> None:
    await lock_school(session, school_id)
    await _apply(session, kind, params)


async def _apply(session: AsyncSession, kind: str, params: dict[str, object]) -> None:
    touched = (await session.execute(_STATEMENTS[kind], params)).all()
    if not touched:
        return
    columns = list(zip(*touched, strict=True))
    cells = {
        "schools": list(columns[0]),
        "years": list(columns[1]),
        "terms": list(columns[2]),
        "grades": list(columns[3]),
        "subjects": list(columns[4]),
    }
    await session.execute(CELLS, cells)
    await session.execute(COHORTS, {k: v for k, v in cells.items() if k != "subjects"})

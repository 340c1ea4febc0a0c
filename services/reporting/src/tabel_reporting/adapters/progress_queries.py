"""Reads of marks, final marks and attendance for progress reports."""

from __future__ import annotations

from datetime import date
from uuid import UUID

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from tabel_reporting.domain.class_progress import Attendance
from tabel_reporting.domain.progress import Tally

TERM_FINAL = 1
MISSED_STATUSES = (2, 3, 4)  # н, б, у (опоздание is not a missed lesson)
EXCUSED_STATUSES = (3, 4)  # б, у


async def tallies(
    session: AsyncSession, students: list[UUID], term_id: UUID
) -> dict[tuple[UUID, UUID], Tally]:
    rows = await session.execute(
        text(
            "SELECT student_id, subject_id, marks, sum_weighted, sum_weights, specials "
            "FROM subject_results WHERE term_id = :t AND student_id = ANY(:s)"
        ),
        {"t": term_id, "s": students},
    )
    found = {
        (r.student_id, r.subject_id): Tally(
            r.marks, float(r.sum_weighted), r.sum_weights, tuple(r.specials)
        )
        for r in rows
    }
    finals = await session.execute(
        text(
            "SELECT student_id, subject_id, value FROM final_marks "
            "WHERE kind = :k AND period_id = :t AND student_id = ANY(:s)"
        ),
        {"k": TERM_FINAL, "t": term_id, "s": students},
    )
    for r in finals:
        t = found.get((r.student_id, r.subject_id), Tally())
        found[(r.student_id, r.subject_id)] = Tally(
            t.marks, t.sum_weighted, t.sum_weights, t.specials, r.value
        )
    return found


async def attendance(
    session: AsyncSession, students: list[UUID], term_id: UUID
) -> dict[UUID, Attendance]:
    rows = await session.execute(
        text(
            "SELECT student_id, count(*) FILTER (WHERE status = ANY(:missed)) AS missed, "
            "count(*) FILTER (WHERE status = ANY(:excused)) AS excused FROM attendance "
            "WHERE term_id = :t AND student_id = ANY(:s) GROUP BY student_id"
        ),
        {
            "t": term_id,
            "s": students,
            "missed": list(MISSED_STATUSES),
            "excused": list(EXCUSED_STATUSES),
        },
    )
    return {r.student_id: Attendance(r.missed, r.excused) for r in rows}


_SLOTS = text(
    """SELECT count(*) FROM lessons l JOIN memberships m
        ON m.person_id = ANY(:s)
       AND CASE WHEN cardinality(l.study_group_ids) > 0
                THEN m.study_group_id = ANY(l.study_group_ids) ELSE m.class_id = :c END
       AND (m.starts_on IS NULL OR m.starts_on <= l.date)
       AND (m.ends_on IS NULL OR m.ends_on >= l.date)
    WHERE :c = ANY(l.class_ids) AND l.term_id = :t AND NOT l.cancelled AND l.date <= :today"""
)


async def student_lessons_held(
    session: AsyncSession, class_id: UUID, students: list[UUID], term_id: UUID, today: date
) -> int:
    """Student-lessons held so far: each held lesson times the students it was for."""
    return int(
        (
            await session.execute(
                _SLOTS, {"s": students, "c": class_id, "t": term_id, "today": today}
            )
        ).scalar_one()
    )

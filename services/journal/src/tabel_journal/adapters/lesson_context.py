"""Everything a lesson's journal save needs to know about the lesson, in one query."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any
from uuid import UUID

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from tabel_journal.domain.access import LessonScope
from tabel_journal.domain.rules import Rules

CONTEXT_SQL = """
SELECT l.lesson_id, l.date, l.period, l.starts_at, l.ends_at, l.subject_id, l.subject_name,
       l.teacher_id, l.substitute_teacher_id, l.class_ids, l.study_group_ids, l.term_id,
       l.cancelled, coalesce(t.closed, false) AS term_closed,
       (SELECT min(c.grade_level) FROM classes c
         WHERE c.school_id = l.school_id AND c.class_id = ANY(l.class_ids)) AS grade_level,
       (SELECT st.doc FROM settings st WHERE st.school_id = l.school_id) AS rules,
       (SELECT array_agg(DISTINCT m.person_id) FROM memberships m
         WHERE m.school_id = l.school_id
           AND CASE WHEN cardinality(l.study_group_ids) > 0
                    THEN m.study_group_id = ANY(l.study_group_ids)
                    ELSE m.class_id = ANY(l.class_ids) END
           AND (m.starts_on IS NULL OR m.starts_on <= l.date)
           AND (m.ends_on IS NULL OR m.ends_on >= l.date)) AS students,
       (SELECT min(n.date) FROM lessons n
         WHERE n.school_id = l.school_id AND n.subject_id = l.subject_id AND n.date > l.date
           AND n.class_ids && l.class_ids AND NOT n.cancelled) AS next_lesson_date,
       (SELECT max(e.ends_at) FROM lessons e
         WHERE e.school_id = l.school_id AND e.date = l.date
           AND e.teacher_id = coalesce(l.substitute_teacher_id, l.teacher_id))
         AS teacher_day_ends_at,
       EXISTS (SELECT 1 FROM closed_term_permits pm WHERE pm.school_id = l.school_id
                 AND pm.term_id = l.term_id AND pm.person_id = :person) AS permitted
  FROM lessons l
  LEFT JOIN terms t ON t.school_id = l.school_id AND t.term_id = l.term_id
 WHERE l.school_id = :school AND l.lesson_id = :lesson
"""
_CONTEXT = text(CONTEXT_SQL)
_CLASS_PUPILS = text("""
SELECT DISTINCT m.person_id FROM memberships m
 WHERE m.school_id = :school AND m.class_id = ANY(:classes)
   AND (m.starts_on IS NULL OR m.starts_on <= :on) AND (m.ends_on IS NULL OR m.ends_on >= :on)
""")


@dataclass(frozen=True)
class LessonContext:
    scope: LessonScope
    date: dt.date
    period: int
    starts_at: dt.datetime | None
    ends_at: dt.datetime | None
    subject_name: str
    term_id: UUID | None
    cancelled: bool
    term_closed: bool
    grade_level: int
    rules: Rules
    students: frozenset[UUID]
    next_lesson_date: dt.date | None
    teacher_day_ends_at: dt.datetime | None
    permitted: bool

    @property
    def lesson_id(self) -> UUID:
        return self.scope.lesson_id

    @property
    def effective_teacher(self) -> UUID | None:
        return self.scope.substitute_teacher_id or self.scope.teacher_id


def from_row(row: Any) -> LessonContext:
    return LessonContext(
        scope=LessonScope(
            lesson_id=row.lesson_id,
            subject_id=row.subject_id,
            class_ids=frozenset(row.class_ids),
            study_group_ids=frozenset(row.study_group_ids or ()),
            teacher_id=row.teacher_id,
            substitute_teacher_id=row.substitute_teacher_id,
        ),
        date=row.date,
        period=row.period,
        starts_at=row.starts_at,
        ends_at=row.ends_at,
        subject_name=row.subject_name,
        term_id=row.term_id,
        cancelled=row.cancelled,
        term_closed=row.term_closed,
        grade_level=row.grade_level or 0,
        rules=Rules.from_doc(row.rules),
        students=frozenset(row.students or ()),
        next_lesson_date=row.next_lesson_date,
        teacher_day_ends_at=row.teacher_day_ends_at,
        permitted=row.permitted,
    )


async def load(
    session: AsyncSession, *, school_id: UUID, lesson_id: UUID, person_id: UUID
) -> LessonContext | None:
    row = (
        await session.execute(
            _CONTEXT, {"school": school_id, "lesson": lesson_id, "person": person_id}
        )
    ).first()
    return from_row(row) if row else None


async def class_pupils(
    session: AsyncSession, *, school_id: UUID, class_ids: frozenset[UUID], on: dt.date
) -> frozenset[UUID]:
    """The pupils who were members of one of `class_ids` on the day `on` (not asked on the
    save's common path: only when a class teacher's rights depend on it)."""
    if not class_ids:
        return frozenset()
    rows = await session.execute(
        _CLASS_PUPILS, {"school": school_id, "classes": list(class_ids), "on": on}
    )
    return frozenset(rows.scalars())


class LedPupils:
    """The pupils of the lesson's classes a person leads, on the lesson's date: asked of the
    database at most once, and only when a rule needs them."""

    def __init__(
        self,
        session: AsyncSession,
        *,
        school_id: UUID,
        class_ids: frozenset[UUID],
        on: dt.date,
        known: frozenset[UUID] | None = None,
    ) -> None:
        self._session = session
        self._school_id = school_id
        self._class_ids = class_ids
        self._on = on
        self._pupils = known

    async def get(self) -> frozenset[UUID]:
        if self._pupils is None:
            self._pupils = await class_pupils(
                self._session, school_id=self._school_id, class_ids=self._class_ids, on=self._on
            )
        return self._pupils

"""Use cases: a class's attendance by reason, its printable journal, its students at risk."""

from __future__ import annotations

from datetime import date, timedelta
from uuid import UUID

from sqlalchemy.ext.asyncio import AsyncSession

from tabel_platform.auth.principal import Principal
from tabel_platform.runtime import Runtime
from tabel_reporting.adapters import progress_queries, report_queries, school_queries
from tabel_reporting.adapters.planning import plan_for_values
from tabel_reporting.domain.at_risk import at_risk_document, risks
from tabel_reporting.domain.attendance_report import MISSED, Absence, attendance_document
from tabel_reporting.domain.class_journal import LessonLine, class_journal_document, short_name
from tabel_reporting.domain.class_progress import Subject
from tabel_reporting.domain.document import Document
from tabel_reporting.domain.report_card import final_label
from tabel_reporting.domain.weekly_marks import absence_code
from tabel_reporting.service_layer.report_access import PeriodRef, period_of, readable_class


async def subjects_of(session: AsyncSession, ids: set[UUID]) -> list[Subject]:
    names = await school_queries.subject_names(session, ids)
    found = (Subject(i, names.get(i) or f"Предмет {str(i)[:8]}") for i in ids)
    return sorted(found, key=lambda s: (s.name.lower(), str(s.id)))


async def attendance_by_reason(
    *, runtime: Runtime, principal: Principal, school_id: UUID, class_id: UUID, period: PeriodRef
) -> Document:
    async with runtime.db.transaction(school_id=school_id) as session:
        await plan_for_values(session)
        info = await readable_class(session, principal, class_id)
        p = await period_of(session, period, info.grade_level)
        students = await school_queries.class_members(session, class_id, p.since, p.until)
        rows = await report_queries.attendance(session, [s.id for s in students], p.since, p.until)
        absences = [Absence(r.student_id, r.subject_id, r.status) for r in rows]
        subjects = await subjects_of(session, {a.subject_id for a in absences if a.subject_id})
    return attendance_document(
        class_name=info.name,
        period_name=p.name,
        students=students,
        subjects=subjects,
        absences=absences,
    )


async def class_journal(
    *, runtime: Runtime, principal: Principal, school_id: UUID, class_id: UUID, period: PeriodRef
) -> Document:
    async with runtime.db.transaction(school_id=school_id) as session:
        await plan_for_values(session)
        info = await readable_class(session, principal, class_id)
        p = await period_of(session, period, info.grade_level)
        students = await school_queries.class_members(session, class_id, p.since, p.until)
        names = {s.id: short_name(s.name) for s in students}
        ids = list(names)
        lessons = await report_queries.class_lessons(session, class_id, p.since, p.until)
        absences: dict[UUID, list[str]] = {}
        for r in await report_queries.attendance(session, ids, p.since, p.until):
            absences.setdefault(r.lesson_id, []).append(
                f"{names[r.student_id]} {absence_code(r.status)}"
            )
        marks: dict[UUID, list[str]] = {}
        for m in await report_queries.marks(session, ids, p.since, p.until):
            marks.setdefault(m.lesson_id, []).append(f"{names[m.student_id]} {m.value}")
        for entries in marks.values():
            entries.sort()
        periods = [*p.term_ids, *([p.academic_year_id] if p.academic_year_id else [])]
        final_rows = await report_queries.final_marks(session, ids, periods)
        subject_names = await school_queries.subject_names(
            session, {f.subject_id for f in final_rows}
        )
        term_names = await report_queries.term_numbers(session, p.term_ids)
    finals = [
        (
            f"{subject_names.get(f.subject_id, '')} ({term_names.get(f.period_id, 'год')})",
            names[f.student_id],
            final_label(f.value),
        )
        for f in final_rows
        if f.period_id in p.term_ids or (p.is_year and f.period_id == p.academic_year_id)
    ]
    lines = [
        LessonLine(
            r.lesson_id, r.date, r.period, r.subject_id, r.subject_name, r.topic, r.homework or ""
        )
        for r in lessons
    ]
    return class_journal_document(
        class_name=info.name,
        period_name=p.name,
        lessons=lines,
        absences=absences,
        marks=marks,
        finals=finals,
    )


async def students_at_risk(
    *,
    runtime: Runtime,
    principal: Principal,
    school_id: UUID,
    class_id: UUID,
    term_id: UUID,
    today: date,
) -> Document:
    async with runtime.db.transaction(school_id=school_id) as session:
        await plan_for_values(session)
        info = await readable_class(session, principal, class_id)
        p = await period_of(session, PeriodRef(term_id=term_id), info.grade_level)
        students = await school_queries.class_members(session, class_id, p.since, p.until)
        ids = [s.id for s in students]
        tallies = await progress_queries.tallies(session, ids, term_id)
        subject_ids = await school_queries.class_subjects(session, class_id, term_id)
        subjects = await subjects_of(session, subject_ids | {sub for _, sub in tallies})
        as_of = min(today, p.until) if p.until else today
        recent_from, before_from = as_of - timedelta(days=13), as_of - timedelta(days=27)
        rows = await report_queries.attendance(session, ids, before_from, as_of)
    missed: dict[UUID, tuple[int, int]] = {}
    for r in rows:
        if r.status in MISSED:
            recent, before = missed.get(r.student_id, (0, 0))
            is_recent = r.date >= recent_from
            missed[r.student_id] = (recent + is_recent, before + (not is_recent))
    found = risks(students=students, subjects=subjects, tallies=tallies, missed=missed)
    name = f"{p.name}; пропуски по {as_of:%d.%m.%Y}"
    return at_risk_document(class_name=info.name, period_name=name, found=found)

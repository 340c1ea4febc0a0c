"""Use cases: a student's report card (term, year) and the weekly printout for guardians."""

from __future__ import annotations

from datetime import date, timedelta
from uuid import UUID

from tabel_platform.auth.principal import Principal
from tabel_platform.runtime import Runtime
from tabel_reporting.adapters import progress_queries, report_queries
from tabel_reporting.adapters.planning import plan_for_values
from tabel_reporting.domain.document import Document
from tabel_reporting.domain.report_card import TermCard, term_card_document, year_card_document
from tabel_reporting.domain.weekly_marks import Entry, absence_code, weekly_document
from tabel_reporting.service_layer.class_reports import subjects_of
from tabel_reporting.service_layer.report_access import PeriodRef, period_of, readable_student

YEAR_FINAL = 2


async def report_card(
    *, runtime: Runtime, principal: Principal, school_id: UUID, student_id: UUID, period: PeriodRef
) -> Document:
    async with runtime.db.transaction(school_id=school_id) as session:
        await plan_for_values(session)
        info, student = await readable_student(session, principal, student_id)
        p = await period_of(session, period, info.grade_level)
        if not p.is_year:
            term_id = p.term_ids[0]
            tallies = await progress_queries.tallies(session, [student_id], term_id)
            marks: dict[UUID, list[str]] = {}
            for m in await report_queries.marks(session, [student_id], p.since, p.until):
                if m.term_id == term_id:
                    marks.setdefault(m.subject_id, []).append(m.value)
            subjects = await subjects_of(session, {s for _, s in tallies} | set(marks))
            card = TermCard(marks, {sub: t for (_, sub), t in tallies.items()})
            return term_card_document(
                student=student.name,
                class_name=info.name,
                period_name=p.name,
                subjects=subjects,
                card=card,
            )
        assert p.academic_year_id is not None
        rows = await report_queries.final_marks(
            session, [student_id], [*p.term_ids, p.academic_year_id]
        )
        finals = {
            (r.subject_id, r.period_id): r.value
            for r in rows
            if r.period_id in p.term_ids or r.kind == YEAR_FINAL
        }
        subjects = await subjects_of(session, {r.subject_id for r in rows})
        term_names = await report_queries.term_numbers(session, p.term_ids)
    return year_card_document(
        student=student.name,
        class_name=info.name,
        period_name=p.name,
        subjects=subjects,
        terms=[(t, term_names.get(t, "")) for t in p.term_ids],
        finals=finals,
        year_id=p.academic_year_id,
    )


async def weekly_marks(
    *, runtime: Runtime, principal: Principal, school_id: UUID, student_id: UUID, week_of: date
) -> Document:
    start = week_of - timedelta(days=week_of.weekday())
    end = start + timedelta(days=6)
    async with runtime.db.transaction(school_id=school_id) as session:
        await plan_for_values(session)
        info, student = await readable_student(session, principal, student_id)
        marks = await report_queries.marks(session, [student_id], start, end)
        absences = await report_queries.attendance(session, [student_id], start, end)
        ids = {m.subject_id for m in marks} | {a.subject_id for a in absences if a.subject_id}
        subjects = {s.id: s.name for s in await subjects_of(session, ids)}
    return weekly_document(
        student=student.name,
        class_name=info.name,
        week_start=start,
        subjects=subjects,
        marks=[Entry(m.date, m.subject_id, m.value) for m in marks],
        absences=[Entry(a.date, a.subject_id, absence_code(a.status)) for a in absences],
    )

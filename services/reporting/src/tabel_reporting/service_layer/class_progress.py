"""Use case: a class's progress for a term (class teacher of the class, or management)."""

from __future__ import annotations

from datetime import date, datetime
from uuid import UUID

from sqlalchemy import text

from tabel_platform.auth.principal import Principal
from tabel_platform.errors import Forbidden, NotFound
from tabel_platform.runtime import Runtime
from tabel_reporting.adapters import progress_queries, school_queries
from tabel_reporting.adapters.grants_queries import rights_of
from tabel_reporting.adapters.planning import plan_for_values
from tabel_reporting.domain.class_progress import ClassProgress, Subject, build_class_progress


async def class_progress(
    *,
    runtime: Runtime,
    principal: Principal,
    school_id: UUID,
    class_id: UUID,
    term_id: UUID,
    today: date,
) -> tuple[ClassProgress, datetime | None]:
    """The report and the time of the newest journal event it reflects."""
    async with runtime.db.transaction(school_id=school_id) as session:
        await plan_for_values(session)
        info = await school_queries.class_info(session, class_id)
        if info is None:
            raise NotFound("reporting.class_not_found", code="class_not_found")
        rights = await rights_of(session, principal)
        if not rights.may_read_class(
            school_id=info.school_id, class_id=class_id, class_teacher_id=info.class_teacher_id
        ):
            raise Forbidden("reporting.not_your_class", code="not_your_class")
        term = await school_queries.term_info(session, term_id)
        if term is None:
            raise NotFound("reporting.term_not_found", code="term_not_found")
        students = await school_queries.class_members(
            session, class_id, term.starts_on, term.ends_on
        )
        ids = [s.id for s in students]
        tallies = await progress_queries.tallies(session, ids, term_id)
        subject_ids = await school_queries.class_subjects(session, class_id, term_id)
        subject_ids |= {subject for _, subject in tallies}
        names = await school_queries.subject_names(session, subject_ids)
        subjects = sorted(
            (Subject(sid, names.get(sid) or f"Предмет {str(sid)[:8]}") for sid in subject_ids),
            key=lambda s: (s.name.lower(), str(s.id)),
        )
        attendance = await progress_queries.attendance(session, ids, term_id)
        held = await progress_queries.student_lessons_held(session, class_id, ids, term_id, today)
        as_of = await journal_as_of(session)
    missed = sum(a.missed for a in attendance.values())
    report = build_class_progress(
        class_name=info.name,
        term_name=term.name,
        students=students,
        subjects=subjects,
        tallies=tallies,
        attendance=attendance,
        attendance_rate=max(0.0, 1 - missed / held) if held else None,
    )
    return report, as_of


async def journal_as_of(session: object) -> datetime | None:
    """The newest journal event applied: reports reflect everything up to it."""
    row = await session.execute(  # type: ignore[attr-defined]
        text("SELECT last_event_at FROM projection_state WHERE consumer = 'reporting-from-journal'")
    )
    found = row.first()
    return found.last_event_at if found else None

"""Who may read a school report (DESIGN.md): the class teacher their class and its
students, management their whole school; nobody else (never a municipal analyst)."""

from __future__ import annotations

from dataclasses import dataclass
from uuid import UUID

from sqlalchemy.ext.asyncio import AsyncSession

from tabel_platform.auth.principal import Principal
from tabel_platform.errors import Forbidden, InvalidInput, NotFound
from tabel_reporting.adapters import report_queries, school_queries
from tabel_reporting.adapters.grants_queries import rights_of
from tabel_reporting.adapters.report_queries import Period
from tabel_reporting.adapters.school_queries import ClassInfo
from tabel_reporting.domain.class_progress import Student


@dataclass(frozen=True)
class PeriodRef:
    term_id: UUID | None = None
    academic_year_id: UUID | None = None


async def readable_class(session: AsyncSession, principal: Principal, class_id: UUID) -> ClassInfo:
    info = await school_queries.class_info(session, class_id)
    if info is None:
        raise NotFound("reporting.class_not_found", code="class_not_found")
    rights = await rights_of(session, principal)
    if not rights.may_read_class(
        school_id=info.school_id, class_id=class_id, class_teacher_id=info.class_teacher_id
    ):
        raise Forbidden("reporting.not_your_class", code="not_your_class")
    return info


async def readable_student(
    session: AsyncSession, principal: Principal, student_id: UUID
) -> tuple[ClassInfo, Student]:
    info = await report_queries.student_class(session, student_id)
    if info is None:
        raise NotFound("reporting.student_not_found", code="student_not_found")
    await readable_class(session, principal, info.class_id)
    name = (await report_queries.names(session, {student_id}))[student_id]
    return info, Student(student_id, name)


async def management_only(session: AsyncSession, principal: Principal, school_id: UUID) -> None:
    if not (await rights_of(session, principal)).is_management(school_id):
        raise Forbidden("reporting.management_only", code="management_only")


async def period_of(session: AsyncSession, ref: PeriodRef, grade_level: int) -> Period:
    if (ref.term_id is None) == (ref.academic_year_id is None):
        raise InvalidInput("reporting.one_period", code="one_period")
    if ref.term_id is not None:
        period = await report_queries.term_period(session, ref.term_id)
        if period is None:
            raise NotFound("reporting.term_not_found", code="term_not_found")
        return period
    assert ref.academic_year_id is not None
    period = await report_queries.year_period(session, ref.academic_year_id, grade_level)
    if period is None:
        raise NotFound("reporting.year_not_found", code="year_not_found")
    return period

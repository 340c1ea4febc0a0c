"""Use cases: teachers' timeliness in the journal, per teacher and month, for the whole school
(management) or for one class (its class teacher and management; seed 004 3.2.2)."""

from __future__ import annotations

from datetime import date
from uuid import UUID

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from tabel_platform.auth.principal import Principal
from tabel_platform.errors import NotFound
from tabel_platform.runtime import Runtime
from tabel_reporting.adapters import report_queries
from tabel_reporting.adapters.planning import plan_for_values
from tabel_reporting.domain.document import Document
from tabel_reporting.domain.timeliness_report import Entries, timeliness_document
from tabel_reporting.service_layer.report_access import management_only, readable_class


async def teachers_timeliness(
    *, runtime: Runtime, principal: Principal, school_id: UUID, since: date, until: date
) -> Document:
    async with runtime.db.transaction(school_id=school_id) as session:
        await plan_for_values(session)
        await management_only(session, principal, school_id)
        return await _document(session, school_id, since, until)


async def class_timeliness(
    *,
    runtime: Runtime,
    principal: Principal,
    school_id: UUID,
    class_id: UUID,
    since: date,
    until: date,
) -> Document:
    async with runtime.db.transaction(school_id=school_id) as session:
        await plan_for_values(session)
        info = await readable_class(session, principal, class_id)
        return await _document(session, info.school_id, since, until, class_id, info.name)


async def _document(
    session: AsyncSession,
    school_id: UUID,
    since: date,
    until: date,
    class_id: UUID | None = None,
    class_name: str | None = None,
) -> Document:
    school = (
        await session.execute(
            text("SELECT name FROM schools WHERE school_id = :s"), {"s": school_id}
        )
    ).scalar_one_or_none()
    if school is None:
        raise NotFound("reporting.school_not_found", code="school_not_found")
    rows = await report_queries.timeliness(session, school_id, since, until, class_id=class_id)
    entries = [Entries(r.teacher_id, r.month, r.kind, r.on_time, r.late, r.never) for r in rows]
    names = await report_queries.names(session, {e.teacher_id for e in entries})
    return timeliness_document(
        school_name=school,
        period_name=f"с {since:%d.%m.%Y} по {until:%d.%m.%Y}",
        entries=entries,
        names=names,
        class_name=class_name,
    )

"""Use case: user activity in a month, logins included (management)."""

from __future__ import annotations

from datetime import date
from uuid import UUID

from sqlalchemy import text

from tabel_platform.auth.principal import Principal
from tabel_platform.errors import NotFound
from tabel_platform.runtime import Runtime
from tabel_reporting.adapters import report_queries
from tabel_reporting.adapters.grants_queries import roles_in_school
from tabel_reporting.domain.activity_report import activity_document
from tabel_reporting.domain.document import Document
from tabel_reporting.service_layer.report_access import management_only

_ACTIVITY = text(
    "SELECT person_id, action, events FROM activity WHERE school_id = :s AND month = :m"
)


async def user_activity(
    *, runtime: Runtime, principal: Principal, school_id: UUID, month: date
) -> Document:
    first = month.replace(day=1)
    async with runtime.db.transaction(school_id=school_id) as session:
        await management_only(session, principal, school_id)
        school = (
            await session.execute(
                text("SELECT name FROM schools WHERE school_id = :s"), {"s": school_id}
            )
        ).scalar_one_or_none()
        if school is None:
            raise NotFound("reporting.school_not_found", code="school_not_found")
        counts: dict[UUID, dict[str, int]] = {}
        for r in await session.execute(_ACTIVITY, {"s": school_id, "m": first}):
            counts.setdefault(r.person_id, {})[r.action] = r.events
        names = await report_queries.names(session, set(counts))
        roles = await roles_in_school(session, school_id, set(counts))
    return activity_document(
        school_name=school, month=first, counts=counts, names=names, roles=roles
    )

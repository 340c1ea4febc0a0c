"""Management lets a teacher change entries of a closed term."""

from __future__ import annotations

from uuid import UUID

from tabel_journal.adapters import facts, term_permits
from tabel_journal.domain.access import may_manage
from tabel_journal.service_layer.guards import fail_if
from tabel_journal.service_layer.lesson_journal import _person
from tabel_platform.auth.principal import Principal
from tabel_platform.errors import Forbidden
from tabel_platform.runtime import Runtime


async def permit_closed_term(
    *,
    runtime: Runtime,
    school_id: UUID,
    principal: Principal,
    term_id: UUID,
    person_id: UUID,
    reason: str,
) -> None:
    """Management lets a teacher change entries of a closed term (the right; the reason is
    still asked for each change)."""
    me = _person(principal)
    async with runtime.uow(school_id=school_id, actor=principal.actor()) as uow:
        who, _ = await facts.load(uow.session, school_id=school_id, person_id=me)
        if not may_manage(who):
            raise Forbidden("journal.management_only", code="management_only")
        fail_if(
            []
            if reason.strip()
            else [{"field": "reason", "code": "required", "message": "причина"}]
        )
        await term_permits.grant(
            uow.session,
            school_id=school_id,
            term_id=term_id,
            person_id=person_id,
            granted_by=me,
            reason=reason,
        )

"""REST: the school's audit log (logins, refusals, code redemptions, grant and rights
changes), for whoever holds `identity.audit.read` there (the administrator by default)."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any
from uuid import UUID

from fastapi import APIRouter, Query, Request
from pydantic import BaseModel

from tabel_identity.adapters import audit_repo
from tabel_identity.domain.errors import IdentityError
from tabel_identity.entrypoints.actors import actor_of
from tabel_identity.entrypoints.errors import platform_error
from tabel_identity.service_layer.authorization import require
from tabel_platform.http.security import CurrentPrincipal
from tabel_platform.runtime import CurrentRuntime

router = APIRouter(prefix="/v1", tags=["audit"])
Kind = Annotated[list[str] | None, Query(description="e.g. login_failed, grant_added")]


class AuditEntryRead(BaseModel):
    id: UUID
    at: datetime
    kind: str
    outcome: str
    actor_account_id: UUID | None
    username: str
    ip: str
    user_agent: str
    details: dict[str, Any]


class AuditPageRead(BaseModel):
    items: list[AuditEntryRead]
    total: int
    offset: int
    limit: int


@router.get("/schools/{school_id}/audit", response_model=AuditPageRead)
async def read_audit(
    school_id: UUID, request: Request, principal: CurrentPrincipal, runtime: CurrentRuntime,
    kind: Kind = None, outcome: str | None = None, username: str | None = None,
    since: datetime | None = None, until: datetime | None = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
    offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0,
) -> AuditPageRead:  # fmt: skip
    """The school's audit entries, newest first, filtered and paged."""
    try:
        async with runtime.uow(school_id=school_id) as uow:
            await require(uow.session, actor_of(request, principal), "identity.audit.read",
                          school_id)  # fmt: skip
            entries, total = await audit_repo.search(
                uow.session, school_id=school_id, kinds=kind, outcome=outcome,
                username=username, since=since, until=until, limit=limit, offset=offset,
            )  # fmt: skip
    except IdentityError as exc:
        raise platform_error(exc) from exc
    items = [
        AuditEntryRead(
            id=e.id,
            at=e.at,
            kind=e.kind,
            outcome=e.outcome,
            actor_account_id=e.actor_account_id,
            username=e.username,
            ip=e.source.ip,
            user_agent=e.source.user_agent,
            details=e.details,
        )
        for e in entries
    ]
    return AuditPageRead(items=items, total=total, offset=offset, limit=limit)

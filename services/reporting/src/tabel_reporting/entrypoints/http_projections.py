"""REST: the projections' lag, and their rebuild from the start of the streams."""

from __future__ import annotations

from datetime import datetime

from fastapi import APIRouter, status
from pydantic import BaseModel

from tabel_platform.errors import Forbidden
from tabel_platform.http.security import CurrentPrincipal
from tabel_platform.runtime import CurrentRuntime
from tabel_reporting.service_layer import rebuild as use_cases

REGION_OPERATOR = "region_operator"


class ConsumerLagRead(BaseModel):
    consumer: str
    source: str
    events_applied: int
    last_event_at: datetime | None
    pending: int | None


router = APIRouter(prefix="/v1/reporting/projections", tags=["projections"])


def _operator_only(principal: CurrentPrincipal) -> None:
    if not (principal.has_role(REGION_OPERATOR) or principal.is_service):
        raise Forbidden("reporting.operator_only", code="operator_only")


@router.get("", response_model=list[ConsumerLagRead])
async def projection_lag(
    principal: CurrentPrincipal, runtime: CurrentRuntime
) -> list[ConsumerLagRead]:
    """How far each read model is behind its source stream (region operator)."""
    _operator_only(principal)
    return [ConsumerLagRead(**vars(lag)) for lag in await use_cases.lag(runtime=runtime)]


@router.post("/rebuild", status_code=status.HTTP_202_ACCEPTED)
async def rebuild_projections(principal: CurrentPrincipal, runtime: CurrentRuntime) -> None:
    """Empty the read models and replay every source stream from its first event."""
    _operator_only(principal)
    await use_cases.rebuild(runtime=runtime)

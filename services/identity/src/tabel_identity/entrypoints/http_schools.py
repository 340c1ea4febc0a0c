"""REST: the onboarding state of schools, as identity knows them."""

from __future__ import annotations

from uuid import UUID

from fastapi import APIRouter
from pydantic import BaseModel

from tabel_identity.adapters import schools_projection
from tabel_platform.errors import Forbidden, NotFound
from tabel_platform.http.security import CurrentPrincipal
from tabel_platform.runtime import CurrentRuntime

REGION_OPERATOR = "region_operator"
router = APIRouter(prefix="/v1/schools", tags=["onboarding"])


class SchoolOnboardingRead(BaseModel):
    school_id: UUID
    name: str
    short_name: str
    domains: list[str]
    status: str


@router.get("/{school_id}/onboarding", response_model=SchoolOnboardingRead)
async def get_onboarding(
    school_id: UUID, principal: CurrentPrincipal, runtime: CurrentRuntime
) -> SchoolOnboardingRead:
    """Where a school stands in onboarding (region operator)."""
    if not principal.has_role(REGION_OPERATOR):
        raise Forbidden()
    async with runtime.uow(school_id=school_id) as uow:
        school = await schools_projection.get(uow.session, school_id)
    if school is None:
        raise NotFound("identity.school_not_known", code="school_not_known")
    return SchoolOnboardingRead(
        school_id=school.school_id,
        name=school.name,
        short_name=school.short_name,
        domains=school.domains,
        status=school.status,
    )

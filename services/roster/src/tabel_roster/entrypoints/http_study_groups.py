"""REST: study groups (subgroups of a class, groups across classes) and their members."""

from __future__ import annotations

from datetime import date
from uuid import UUID

from fastapi import APIRouter, status
from pydantic import BaseModel, Field

from tabel_platform.http.security import CurrentPrincipal, CurrentSchool
from tabel_platform.runtime import CurrentRuntime
from tabel_roster.entrypoints.access import Action, authorize
from tabel_roster.entrypoints.http_classes import MembershipRead
from tabel_roster.service_layer import study_groups as use_cases


class StudyGroupCreate(BaseModel):
    academic_year_start: int = Field(ge=2000, le=2100)
    name: str = Field(min_length=1, max_length=100)
    class_id: UUID | None = None


class StudyGroupRead(StudyGroupCreate):
    id: UUID


class GroupMemberCreate(BaseModel):
    person_id: UUID
    starts_on: date


class GroupMemberEnd(BaseModel):
    ends_on: date = Field(description="The last day in the group (inclusive)")


router = APIRouter(prefix="/v1", tags=["classes"])


@router.post("/study-groups", status_code=status.HTTP_201_CREATED, response_model=StudyGroupRead)
async def create_study_group(
    body: StudyGroupCreate,
    principal: CurrentPrincipal,
    school: CurrentSchool,
    runtime: CurrentRuntime,
) -> StudyGroupRead:
    """Create a subgroup of a class, or a group across classes (administrator, secretary)."""
    await authorize(runtime, principal, Action.MANAGE_SCHOOL, school)
    g = await use_cases.create_study_group(
        runtime=runtime,
        command=use_cases.CreateStudyGroup(school_id=school, **body.model_dump()),
        actor=principal.actor(),
    )
    return StudyGroupRead(
        id=g.id, academic_year_start=g.academic_year_start, name=g.name, class_id=g.class_id
    )


@router.post(
    "/study-groups/{group_id}/members",
    status_code=status.HTTP_201_CREATED,
    response_model=MembershipRead,
)
async def add_group_member(
    group_id: UUID,
    body: GroupMemberCreate,
    principal: CurrentPrincipal,
    school: CurrentSchool,
    runtime: CurrentRuntime,
) -> MembershipRead:
    """Put a student into a study group from a date (administrator, secretary)."""
    await authorize(runtime, principal, Action.MANAGE_SCHOOL, school)
    m = await use_cases.add_group_member(
        runtime=runtime,
        school_id=school,
        group_id=group_id,
        person_id=body.person_id,
        starts_on=body.starts_on,
        actor=principal.actor(),
    )
    return MembershipRead.of(m)


@router.post("/study-groups/{group_id}/members/{membership_id}/end", response_model=MembershipRead)
async def end_group_member(
    group_id: UUID,
    membership_id: UUID,
    body: GroupMemberEnd,
    principal: CurrentPrincipal,
    school: CurrentSchool,
    runtime: CurrentRuntime,
) -> MembershipRead:
    """End a student's membership of a study group on a date (administrator, secretary)."""
    await authorize(runtime, principal, Action.MANAGE_SCHOOL, school)
    m = await use_cases.end_group_membership(
        runtime=runtime,
        school_id=school,
        group_id=group_id,
        membership_id=membership_id,
        ends_on=body.ends_on,
        actor=principal.actor(),
    )
    return MembershipRead.of(m)

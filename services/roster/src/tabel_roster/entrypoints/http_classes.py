"""REST: classes, their members on a date, class teachers and who led a class when."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from uuid import UUID

from fastapi import APIRouter, Query, status
from pydantic import BaseModel, Field

from tabel_platform.http.security import CurrentPrincipal, CurrentSchool
from tabel_platform.runtime import CurrentRuntime
from tabel_roster.domain.classes import Membership, SchoolClass
from tabel_roster.entrypoints.access import Action, authorize
from tabel_roster.entrypoints.people_schemas import PersonRead
from tabel_roster.service_layer import classes as use_cases


class ClassCreate(BaseModel):
    academic_year_start: int = Field(ge=2000, le=2100)
    grade_level: int = Field(ge=1, le=11)
    letter: str = Field(default="", max_length=1)
    class_teacher_id: UUID | None = None


class ClassRead(BaseModel):
    id: UUID
    academic_year_start: int
    grade_level: int
    letter: str
    name: str
    class_teacher_id: UUID | None

    @classmethod
    def of(cls, c: SchoolClass) -> ClassRead:
        return cls(
            name=c.name,
            **{
                k: getattr(c, k)
                for k in ("id", "academic_year_start", "grade_level", "letter", "class_teacher_id")
            },
        )


class ClassTeacherUpdate(BaseModel):
    teacher_id: UUID | None
    starts_on: date


class MembershipRead(BaseModel):
    id: UUID
    person_id: UUID
    class_id: UUID | None
    study_group_id: UUID | None
    starts_on: date
    ends_on: date | None

    @classmethod
    def of(cls, m: Membership) -> MembershipRead:
        return cls.model_validate(m, from_attributes=True)


class ClassTeacherRead(BaseModel):
    teacher_id: UUID | None
    starts_on: date
    ends_on: date | None
    recorded_at: datetime


class MemberRead(BaseModel):
    person: PersonRead
    membership: MembershipRead


router = APIRouter(prefix="/v1", tags=["classes"])


@router.post("/classes", status_code=status.HTTP_201_CREATED, response_model=ClassRead)
async def create_class(
    body: ClassCreate, principal: CurrentPrincipal, school: CurrentSchool, runtime: CurrentRuntime
) -> ClassRead:
    """Open a class in an academic year (school administrator)."""
    await authorize(runtime, principal, Action.MANAGE_SCHOOL, school)
    command = use_cases.CreateClass(school_id=school, **body.model_dump())
    return ClassRead.of(
        await use_cases.create_class(runtime=runtime, command=command, actor=principal.actor())
    )


@router.get("/classes", response_model=list[ClassRead])
async def list_classes(
    principal: CurrentPrincipal,
    school: CurrentSchool,
    runtime: CurrentRuntime,
    academic_year_start: int | None = Query(default=None, ge=2000, le=2100),
    grade_level: int | None = Query(default=None, ge=1, le=11),
) -> list[ClassRead]:
    """The school's classes, by year and grade level (school staff)."""
    await authorize(runtime, principal, Action.READ_ROSTER, school)
    found = await use_cases.list_classes(
        runtime=runtime, school_id=school, year=academic_year_start, grade=grade_level
    )
    return [ClassRead.of(c) for c in found]


@router.get("/classes/{class_id}/members", response_model=list[MemberRead])
async def class_members(
    class_id: UUID,
    principal: CurrentPrincipal,
    school: CurrentSchool,
    runtime: CurrentRuntime,
    on: date | None = None,
) -> list[MemberRead]:
    """The class's students on a date, today by default (school staff, its class teacher)."""
    await authorize(runtime, principal, Action.READ_CLASS, school, class_id=class_id)
    pairs = await use_cases.class_members(
        runtime=runtime, school_id=school, class_id=class_id, on=on or date.today()
    )
    return [
        MemberRead(
            person=PersonRead.of(p, with_personal_data=False), membership=MembershipRead.of(m)
        )
        for p, m in pairs
    ]


@router.put("/classes/{class_id}/class-teacher", response_model=ClassRead)
async def assign_class_teacher(
    class_id: UUID,
    body: ClassTeacherUpdate,
    principal: CurrentPrincipal,
    school: CurrentSchool,
    runtime: CurrentRuntime,
) -> ClassRead:
    """Assign (or clear) the class teacher from a date (school administrator)."""
    await authorize(runtime, principal, Action.MANAGE_SCHOOL, school)
    c = await use_cases.assign_class_teacher(
        runtime=runtime,
        school_id=school,
        class_id=class_id,
        teacher_id=body.teacher_id,
        starts_on=body.starts_on,
        actor=principal.actor(),
    )
    return ClassRead.of(c)


@router.get("/classes/{class_id}/class-teachers", response_model=list[ClassTeacherRead])
async def class_teacher_history(
    class_id: UUID, principal: CurrentPrincipal, school: CurrentSchool, runtime: CurrentRuntime
) -> list[ClassTeacherRead]:
    """Who led the class from which date to which (school staff, its class teacher)."""
    await authorize(runtime, principal, Action.READ_CLASS, school, class_id=class_id)
    rows = await use_cases.class_teachers(runtime=runtime, school_id=school, class_id=class_id)
    ends: list[date | None] = [r.starts_on - timedelta(days=1) for r in rows[1:]]
    return [
        ClassTeacherRead(
            teacher_id=r.teacher_id, starts_on=r.starts_on, ends_on=end, recorded_at=r.recorded_at
        )
        for r, end in zip(rows, [*ends, None], strict=False)
    ]

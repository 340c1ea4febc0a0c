"""REST: enrolment movements, the year-end promotion, and a student's class on a date."""

from __future__ import annotations

from datetime import date
from uuid import UUID

from fastapi import APIRouter, status
from pydantic import BaseModel, Field

from tabel_platform.http.security import CurrentPrincipal, CurrentSchool
from tabel_platform.runtime import CurrentRuntime
from tabel_roster.domain.movements import Movement, MovementKind
from tabel_roster.entrypoints.access import Action, authorize
from tabel_roster.entrypoints.http_classes import ClassRead, MembershipRead
from tabel_roster.service_layer import movements, promotion


class MovementCreate(BaseModel):
    student_id: UUID
    kind: MovementKind
    effective_on: date
    to_class_id: UUID | None = None
    order_number: str = Field(default="", max_length=50)
    reason: str = Field(default="", max_length=500)
    counterpart_school: str = Field(default="", max_length=500)


class MovementRead(MovementCreate):
    id: UUID
    from_class_id: UUID | None

    @classmethod
    def of(cls, m: Movement) -> MovementRead:
        return cls.model_validate(m, from_attributes=True)


class PromotionCreate(BaseModel):
    from_year: int = Field(ge=2000, le=2100)
    effective_on: date | None = None
    order_number: str = Field(default="", max_length=50)
    repeat_student_ids: list[UUID] = Field(default_factory=list)


class PromotionRead(BaseModel):
    promoted: int
    graduated: int
    repeating: int
    classes_created: list[str]


class EnrolmentRead(BaseModel):
    on: date
    school_class: ClassRead | None
    memberships: list[MembershipRead]
    movements: list[MovementRead]


router = APIRouter(prefix="/v1", tags=["movements"])


@router.post("/movements", status_code=status.HTTP_201_CREATED, response_model=MovementRead)
async def move_student(
    body: MovementCreate,
    principal: CurrentPrincipal,
    school: CurrentSchool,
    runtime: CurrentRuntime,
) -> MovementRead:
    """Admit, transfer or withdraw a student by the school's order (school administrator)."""
    await authorize(runtime, principal, Action.MANAGE_SCHOOL, school)
    command = movements.MoveStudent(school_id=school, **body.model_dump())
    return MovementRead.of(
        await movements.move_student(runtime=runtime, command=command, actor=principal.actor())
    )


@router.post("/promotions", response_model=PromotionRead)
async def promote_school(
    body: PromotionCreate,
    principal: CurrentPrincipal,
    school: CurrentSchool,
    runtime: CurrentRuntime,
) -> PromotionRead:
    """Move every class of the year one grade up; the graduating grade leaves (administrator)."""
    await authorize(runtime, principal, Action.MANAGE_SCHOOL, school)
    command = promotion.PromoteSchool(
        school_id=school,
        from_year=body.from_year,
        order_number=body.order_number,
        effective_on=body.effective_on,
        repeat_student_ids=frozenset(body.repeat_student_ids),
    )
    result = await promotion.promote_school(
        runtime=runtime, command=command, actor=principal.actor()
    )
    return PromotionRead.model_validate(result, from_attributes=True)


@router.get("/students/{student_id}/enrolment", response_model=EnrolmentRead)
async def enrolment(
    student_id: UUID,
    principal: CurrentPrincipal,
    school: CurrentSchool,
    runtime: CurrentRuntime,
    on: date | None = None,
) -> EnrolmentRead:
    """A student's class on a date and the movement history (staff, the student, guardians)."""
    await authorize(runtime, principal, Action.READ_PERSON, school, person_id=student_id)
    day = on or date.today()
    current = await movements.class_on(
        runtime=runtime, school_id=school, student_id=student_id, on=day
    )
    hist = await movements.history(runtime=runtime, school_id=school, student_id=student_id)
    return EnrolmentRead(
        on=day,
        school_class=ClassRead.of(current) if current else None,
        memberships=[MembershipRead.of(m) for m in hist.memberships],
        movements=[MovementRead.of(m) for m in hist.movements],
    )

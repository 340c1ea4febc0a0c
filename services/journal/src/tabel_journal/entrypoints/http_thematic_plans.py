"""REST: thematic plans (календарно-тематическое планирование) of a class or study group in
a subject, their coverage by lessons, and the topic a lesson's form suggests."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from fastapi import APIRouter
from pydantic import BaseModel, Field

from tabel_journal.domain.thematic_plan import PlanItem
from tabel_journal.entrypoints.deps import IdempotencyKey, JournalRuntime
from tabel_journal.service_layer import thematic_plan_reads, thematic_plan_saving
from tabel_journal.service_layer.thematic_plan_command import SaveThematicPlan
from tabel_platform.http.security import CurrentPrincipal, CurrentSchool

router = APIRouter(prefix="/v1/journal", tags=["thematic plans"])


# Bounds here only stop abuse; the plan's own rules (domain/thematic_plan) answer with codes
# and field paths for every item at once.
class ThematicPlanItemWrite(BaseModel):
    id: UUID | None = Field(default=None, description="An item of this plan, to keep its id")
    number: int = Field(ge=-1000000, le=1000000)
    topic: str = Field(max_length=5000)
    hours: int = Field(default=1, ge=-1000, le=1000)


class ThematicPlanUpdate(BaseModel):
    class_id: UUID | None = None
    study_group_id: UUID | None = None
    subject_id: UUID
    academic_year_id: UUID
    items: list[ThematicPlanItemWrite] = Field(default_factory=list, max_length=5000)


@router.put("/thematic-plans/{plan_id}")
async def save_plan(
    plan_id: UUID,
    body: ThematicPlanUpdate,
    principal: CurrentPrincipal,
    school: CurrentSchool,
    runtime: JournalRuntime,
    idempotency_key: IdempotencyKey = None,
) -> dict[str, Any]:
    """Create or replace a thematic plan whole (checked whole before anything is written)."""
    command = SaveThematicPlan(
        plan_id=plan_id,
        subject_id=body.subject_id,
        academic_year_id=body.academic_year_id,
        class_id=body.class_id,
        study_group_id=body.study_group_id,
        items=[PlanItem(i.number, i.topic, i.hours, i.id) for i in body.items],
    )
    return await thematic_plan_saving.save_thematic_plan(
        runtime=runtime,
        school_id=school,
        principal=principal,
        command=command,
        idempotency_key=idempotency_key,
        request_payload={"plan": str(plan_id), **body.model_dump(mode="json")},
    )


@router.get("/thematic-plans")
async def list_plans(
    principal: CurrentPrincipal,
    school: CurrentSchool,
    runtime: JournalRuntime,
    class_id: UUID | None = None,
    study_group_id: UUID | None = None,
    subject_id: UUID | None = None,
    academic_year_id: UUID | None = None,
) -> dict[str, Any]:
    """The thematic plans of a class (with its study groups') or of a study group."""
    return await thematic_plan_reads.list_plans(
        runtime=runtime,
        school_id=school,
        principal=principal,
        class_id=class_id,
        study_group_id=study_group_id,
        subject_id=subject_id,
        academic_year_id=academic_year_id,
    )


@router.get("/thematic-plans/{plan_id}")
async def get_plan(
    plan_id: UUID, principal: CurrentPrincipal, school: CurrentSchool, runtime: JournalRuntime
) -> dict[str, Any]:
    """A thematic plan with the lessons that cover each item, and hours planned vs given."""
    return await thematic_plan_reads.read_plan(
        runtime=runtime, school_id=school, principal=principal, plan_id=plan_id
    )


@router.get("/lessons/{lesson_id}/plan-suggestion")
async def plan_suggestion(
    lesson_id: UUID, principal: CurrentPrincipal, school: CurrentSchool, runtime: JournalRuntime
) -> dict[str, Any] | None:
    """The first item of the lesson's plan no earlier lesson covered (null: none)."""
    return await thematic_plan_reads.plan_suggestion(
        runtime=runtime, school_id=school, principal=principal, lesson_id=lesson_id
    )

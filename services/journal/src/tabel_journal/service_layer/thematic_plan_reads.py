"""Reading thematic plans: a class's (or group's) list, one plan with each item's coverage by
lessons and its totals, and the item a lesson's form suggests."""

from __future__ import annotations

from collections import defaultdict
from datetime import UTC, datetime
from typing import Any
from uuid import UUID

from sqlalchemy.ext.asyncio import AsyncSession

from tabel_journal.adapters import facts, lesson_context, thematic_plan_rows
from tabel_journal.domain.access import (
    Action,
    Facts,
    may_on_lesson,
    may_read_plan,
    may_read_unit_plans,
)
from tabel_journal.domain.timeliness import local_day
from tabel_journal.service_layer.diary import _rules
from tabel_journal.service_layer.entry_changes import field_error
from tabel_journal.service_layer.guards import fail_if
from tabel_journal.service_layer.lesson_journal import _person
from tabel_platform.auth.principal import Principal
from tabel_platform.errors import Forbidden, NotFound
from tabel_platform.runtime import Runtime


def _readable(who: Facts, plan: dict[str, Any]) -> bool:
    """Whether the person reads the plan; takes its `group_classes` (the classes its study
    group is taught in) out of the answer, as they are only for this decision."""
    group = plan["study_group_id"]
    classes = {UUID(c) for c in plan.pop("group_classes")}
    if plan["class_id"]:
        classes.add(UUID(plan["class_id"]))
    groups = frozenset({UUID(group)}) if group else frozenset()
    return may_read_plan(who, UUID(plan["subject_id"]), frozenset(classes), groups)


async def list_plans(
    *,
    runtime: Runtime,
    school_id: UUID,
    principal: Principal,
    class_id: UUID | None,
    study_group_id: UUID | None,
    subject_id: UUID | None,
    academic_year_id: UUID | None,
) -> dict[str, Any]:
    """The plans of a class (with its study groups') or of a group the person may read; a
    person who may read none of them is refused."""
    if (class_id is None) == (study_group_id is None):
        fail_if([field_error("class_id", "plan_unit_required")])
    person = _person(principal)
    async with runtime.uow(school_id=school_id, actor=principal.actor()) as uow:
        s = uow.session
        who, _ = await facts.load(s, school_id=school_id, person_id=person)
        found = await thematic_plan_rows.plans(
            s,
            school_id=school_id,
            class_id=class_id,
            study_group_id=study_group_id,
            subject_id=subject_id,
            academic_year_id=academic_year_id,
        )
        readable = [p for p in found if _readable(who, p)]
        if found and not readable:
            raise Forbidden("journal.plan_forbidden", code="plan_forbidden")
        if not found and not await _may_read_unit(s, who, school_id, class_id, study_group_id):
            raise Forbidden("journal.plan_forbidden", code="plan_forbidden")
        return {"plans": readable}


async def _may_read_unit(
    s: AsyncSession, who: Facts, school_id: UUID, class_id: UUID | None, group_id: UUID | None
) -> bool:
    """No plan yet: whether the person would read one of the class or group in some subject."""
    classes = {class_id} if class_id else set()
    if group_id:
        classes |= set(
            await thematic_plan_rows.group_classes(s, school_id=school_id, group_id=group_id)
        )
    groups = frozenset({group_id}) if group_id else frozenset()
    return may_read_unit_plans(who, frozenset(classes), groups)


async def read_plan(
    *, runtime: Runtime, school_id: UUID, principal: Principal, plan_id: UUID
) -> dict[str, Any]:
    """The plan with each item's lessons (those whose record names it) and its totals: hours
    planned, lessons given (held by today), items covered."""
    person = _person(principal)
    async with runtime.uow(school_id=school_id, actor=principal.actor()) as uow:
        s = uow.session
        plan = await thematic_plan_rows.plan(s, school_id=school_id, plan_id=plan_id)
        if plan is None:
            raise NotFound("journal.plan_not_found", code="plan_not_found")
        who, _ = await facts.load(s, school_id=school_id, person_id=person)
        if not _readable(who, plan):
            raise Forbidden("journal.plan_forbidden", code="plan_forbidden")
        ids = [UUID(i["item_id"]) for i in plan["items"]]
        covered = await thematic_plan_rows.coverage(s, school_id=school_id, item_ids=ids)
        today = local_day(datetime.now(UTC), (await _rules(s, school_id)).time_zone)
    lessons: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for item_id, lesson_id, on, period in covered:
        lessons[str(item_id)].append(
            {"lesson_id": str(lesson_id), "date": on.isoformat(), "period": period}
        )
    items = [{**i, "lessons": lessons.get(i["item_id"], [])} for i in plan["items"]]
    given = {lesson for _, lesson, on, _ in covered if on <= today}
    totals = {
        "hours_planned": sum(i["hours"] for i in items),
        "lessons_given": len(given),
        "items_covered": sum(1 for i in items if i["lessons"]),
        "items": len(items),
    }
    return {**plan, "items": items, "totals": totals}


async def plan_suggestion(
    *, runtime: Runtime, school_id: UUID, principal: Principal, lesson_id: UUID
) -> dict[str, Any] | None:
    """The first item of the lesson's plan no earlier lesson covered; None without one."""
    person = _person(principal)
    async with runtime.uow(school_id=school_id, actor=principal.actor()) as uow:
        s = uow.session
        ctx = await lesson_context.load(
            s, school_id=school_id, lesson_id=lesson_id, person_id=person
        )
        if ctx is None:
            raise NotFound("journal.lesson_not_found", code="lesson_not_found")
        who, _ = await facts.load(s, school_id=school_id, person_id=person)
        if not may_on_lesson(who, ctx.scope, Action.READ):
            raise Forbidden("journal.lesson_forbidden", code="lesson_forbidden")
        found: dict[str, Any] | None = await thematic_plan_rows.suggestion(
            s, school_id=school_id, ctx=ctx
        )
        return found

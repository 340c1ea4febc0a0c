"""Saving a thematic plan whole (created or replaced): access, the plan's unit, its items'
ids, the history of every version and ThematicPlanSaved."""

from __future__ import annotations

from datetime import UTC, datetime
from functools import partial
from typing import Any
from uuid import UUID

import orjson
from sqlalchemy.exc import IntegrityError

from tabel.journal.v1 import events_pb2
from tabel_journal.adapters import facts, history, thematic_plan_rows
from tabel_journal.adapters.history import Change
from tabel_journal.domain.access import may_write_plan
from tabel_journal.service_layer import events
from tabel_journal.service_layer.entry_changes import field_error
from tabel_journal.service_layer.guards import fail_if
from tabel_journal.service_layer.keyed_write import write_once
from tabel_journal.service_layer.lesson_journal import _person
from tabel_journal.service_layer.thematic_plan_command import SaveThematicPlan, item_rows, validate
from tabel_platform.auth.principal import Principal
from tabel_platform.db.uow import UnitOfWork
from tabel_platform.errors import Conflict, Forbidden
from tabel_platform.runtime import Runtime

_UNIT = ("academic_year_id", "class_id", "study_group_id", "subject_id")


async def save_thematic_plan(
    *,
    runtime: Runtime,
    school_id: UUID,
    principal: Principal,
    command: SaveThematicPlan,
    idempotency_key: str | None,
    request_payload: Any,
) -> dict[str, Any]:
    now = datetime.now(UTC)
    write = partial(_save, school_id=school_id, principal=principal, command=command, now=now)
    return await write_once(runtime, school_id, principal, idempotency_key, request_payload, write)


def as_json(value: Any) -> Any:
    """Ids and times as strings: the answer as it is stored under the request's key."""
    return orjson.loads(orjson.dumps(value, default=str))


async def _save(
    uow: UnitOfWork,
    *,
    school_id: UUID,
    principal: Principal,
    command: SaveThematicPlan,
    now: datetime,
) -> dict[str, Any]:
    """The plan after the save; a save that changes nothing writes nothing."""
    s, person, c = uow.session, _person(principal), command
    validate(c)
    who, _ = await facts.load(s, school_id=school_id, person_id=person)
    if not may_write_plan(who, c.subject_id, c.classes, c.groups):
        raise Forbidden("journal.plan_forbidden", code="plan_forbidden")
    if not await thematic_plan_rows.year_known(s, school_id=school_id, year_id=c.academic_year_id):
        fail_if([field_error("academic_year_id", "academic_year_unknown")])
    stored = await thematic_plan_rows.plan(s, school_id=school_id, plan_id=c.plan_id)
    before = {k: v for k, v in stored.items() if k != "group_classes"} if stored else None
    unit = {k: str(getattr(c, k)) if getattr(c, k) else None for k in _UNIT}
    if before is not None and any(before[k] != unit[k] for k in _UNIT):
        raise Conflict("journal.plan_of_other_unit", code="plan_of_other_unit")
    other = await thematic_plan_rows.plan_of_unit(
        s,
        school_id=school_id,
        year_id=c.academic_year_id,
        subject_id=c.subject_id,
        unit_id=c.unit_id,
    )
    if other is not None and other != c.plan_id:
        raise Conflict("journal.plan_exists", code="plan_exists")
    items = item_rows(c, before)
    if before is not None and before["items"] == items:
        return before
    version = before["version"] + 1 if before else 1
    row: dict[str, Any] = {
        "plan_id": c.plan_id,
        "academic_year_id": c.academic_year_id,
        "class_id": c.class_id,
        "study_group_id": c.study_group_id,
        "subject_id": c.subject_id,
        "version": version,
        "updated_at": now,
        "updated_by": person,
    }
    try:
        await thematic_plan_rows.save(s, school_id=school_id, row=row, items=items)
    except IntegrityError as exc:  # a concurrent first save of the unit's plan: 409, not 500
        raise Conflict("journal.plan_exists", code="plan_exists") from exc
    after: dict[str, Any] = as_json({**row, "items": items})
    action = "update" if before else "create"
    change = Change("thematic_plan", str(c.plan_id), version, action, before, after)
    await history.record(
        s,
        school_id=school_id,
        at=now,
        actor_person_id=person,
        actor_subject=principal.subject,
        changes=[change],
    )
    uow.emit(events_pb2.ThematicPlanSaved(plan=events.thematic_plan(after, school_id)))
    return after

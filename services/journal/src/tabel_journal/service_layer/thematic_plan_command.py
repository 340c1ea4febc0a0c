"""SaveThematicPlan: a whole plan as the teacher sends it, checked whole before anything is
written (seed 002 2.7: the teacher fills lesson topics from the thematic plan)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from typing import Any
from uuid import UUID

from tabel_journal.domain.thematic_plan import PlanItem, item_errors
from tabel_journal.service_layer.entry_changes import field_error
from tabel_journal.service_layer.guards import fail_if


@dataclass(frozen=True)
class SaveThematicPlan:
    plan_id: UUID  # made by the client, so a retry never makes a second plan
    subject_id: UUID
    academic_year_id: UUID
    class_id: UUID | None = None
    study_group_id: UUID | None = None
    items: list[PlanItem] = field(default_factory=list)

    @property
    def unit_id(self) -> UUID:
        unit = self.study_group_id or self.class_id
        assert unit is not None  # validate() refused a plan of neither
        return unit

    @property
    def classes(self) -> frozenset[UUID]:
        return frozenset({self.class_id}) if self.class_id else frozenset()

    @property
    def groups(self) -> frozenset[UUID]:
        return frozenset({self.study_group_id}) if self.study_group_id else frozenset()


def validate(c: SaveThematicPlan) -> None:
    """422 with every problem of the request (field paths such as `items.3.topic`)."""
    errors = []
    if (c.class_id is None) == (c.study_group_id is None):
        errors.append(field_error("class_id", "plan_unit_required"))
    errors += [field_error(path, code) for path, code in item_errors(c.items)]
    fail_if(errors)


def item_rows(c: SaveThematicPlan, before: dict[str, Any] | None) -> list[dict[str, Any]]:
    """The items to store, in order. An item keeps its id across saves — the one the client
    names (only an item of this plan: 422 otherwise), or else the id of the item that had
    its number — so lessons that name it still do."""
    current = {str(i["item_id"]): i for i in (before or {}).get("items", [])}
    by_number = {int(i["number"]): str(i["item_id"]) for i in current.values()}
    unknown = [
        field_error(f"items.{n}.id", "plan_item_unknown")
        for n, item in enumerate(c.items)
        if item.item_id is not None and str(item.item_id) not in current
    ]
    fail_if(unknown)
    named = {str(item.item_id) for item in c.items if item.item_id is not None}
    rows = []
    for item in sorted(c.items, key=lambda i: i.number):
        kept = by_number.get(item.number)
        if item.item_id is not None:
            item_id = str(item.item_id)
        elif kept is not None and kept not in named:
            item_id = kept
            named.add(kept)
        else:
            item_id = str(uuid.uuid4())
        rows.append(
            {"item_id": item_id, "number": item.number, "topic": item.topic, "hours": item.hours}
        )
    return rows

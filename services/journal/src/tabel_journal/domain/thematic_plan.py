"""A thematic plan's items (календарно-тематическое планирование, seed 002 2.7) and the rules
a whole plan is checked by before any of it is written: each item numbered once, with a
topic of at most 500 characters and 1 to 10 planned hours; at most 300 items."""

from __future__ import annotations

from dataclasses import dataclass
from uuid import UUID

MAX_ITEMS = 300
MAX_TOPIC = 500
HOURS = range(1, 11)


@dataclass(frozen=True)
class PlanItem:
    number: int
    topic: str
    hours: int = 1
    item_id: UUID | None = None  # kept across saves, so lessons that name it still do


def item_errors(items: list[PlanItem]) -> list[tuple[str, str]]:
    """(field path, code) of every problem in the plan's items; empty: the plan is whole."""
    if len(items) > MAX_ITEMS:
        return [("items", "too_many_plan_items")]
    errors: list[tuple[str, str]] = []
    numbers: set[int] = set()
    ids: set[UUID] = set()
    for i, item in enumerate(items):
        if item.number < 1:
            errors.append((f"items.{i}.number", "plan_item_number_invalid"))
        elif item.number in numbers:
            errors.append((f"items.{i}.number", "duplicate_plan_item_number"))
        numbers.add(item.number)
        if not item.topic.strip():
            errors.append((f"items.{i}.topic", "plan_topic_required"))
        elif len(item.topic) > MAX_TOPIC:
            errors.append((f"items.{i}.topic", "plan_topic_too_long"))
        if item.hours not in HOURS:
            errors.append((f"items.{i}.hours", "plan_hours_out_of_range"))
        if item.item_id is not None:
            if item.item_id in ids:
                errors.append((f"items.{i}.id", "duplicate_plan_item_id"))
            ids.add(item.item_id)
    return errors

"""The plan item a lesson save names: an item of the lesson's plan (its group's, or its
class's, in the subject and year), or 422 `plan_item_not_for_lesson`. Asked only when a save
names one, so the common save keeps its statements."""

from __future__ import annotations

from uuid import UUID

from sqlalchemy.ext.asyncio import AsyncSession

from tabel_journal.adapters import thematic_plan_rows
from tabel_journal.adapters.lesson_context import LessonContext
from tabel_journal.service_layer.entry_changes import field_error
from tabel_journal.service_layer.guards import fail_if


async def plan_item_topic(
    s: AsyncSession, *, school_id: UUID, ctx: LessonContext, item_id: UUID | None
) -> str | None:
    """The item's topic; None when the save names no item."""
    if item_id is None:
        return None
    topic = await thematic_plan_rows.item_topic(s, school_id=school_id, ctx=ctx, item_id=item_id)
    if topic is None:
        fail_if([field_error("plan_item_id", "plan_item_not_for_lesson")])
    return topic

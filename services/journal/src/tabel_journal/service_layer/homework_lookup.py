"""A homework found for a person: its row, the lesson it was given at, the person's facts, and
which students it is for."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from tabel_journal.adapters import facts, homework_rows, lesson_context
from tabel_journal.adapters.lesson_context import LessonContext
from tabel_journal.domain.access import Action, Facts, may_on_lesson
from tabel_platform.db.uow import UnitOfWork
from tabel_platform.errors import Forbidden, NotFound


async def homework_for(
    uow: UnitOfWork, school_id: UUID, homework_id: UUID, person: UUID
) -> tuple[dict[str, Any], LessonContext, Facts]:
    s = uow.session
    hw = await homework_rows.homework(s, school_id=school_id, homework_id=homework_id)
    if hw is None or hw["deleted"]:
        raise NotFound("journal.homework_not_found", code="homework_not_found")
    ctx = await lesson_context.load(
        s, school_id=school_id, lesson_id=UUID(hw["lesson_id"]), person_id=person
    )
    if ctx is None:
        raise NotFound("journal.homework_not_found", code="homework_not_found")
    who, _ = await facts.load(s, school_id=school_id, person_id=person)
    return hw, ctx, who


async def homework_for_teacher(
    uow: UnitOfWork, school_id: UUID, homework_id: UUID, person: UUID
) -> tuple[dict[str, Any], LessonContext, Facts]:
    """The homework, if the person may write the journal of the lesson it was given at."""
    hw, ctx, who = await homework_for(uow, school_id, homework_id, person)
    if not may_on_lesson(who, ctx.scope, Action.HOMEWORK):
        raise Forbidden("journal.lesson_forbidden", code="lesson_forbidden")
    return hw, ctx, who


def audience(hw: dict[str, Any], lesson_students: frozenset[UUID]) -> frozenset[UUID]:
    if hw["scope"] == "individual":
        return frozenset(UUID(str(x)) for x in hw["student_ids"])
    return lesson_students

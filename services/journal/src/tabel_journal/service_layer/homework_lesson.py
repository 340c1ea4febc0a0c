"""The lesson a teacher gives or withdraws homework at: it exists, they may write its journal,
and it was not cancelled."""

from __future__ import annotations

from dataclasses import replace
from typing import Any
from uuid import UUID

from tabel_journal.adapters import facts, lesson_context
from tabel_journal.adapters.lesson_context import LessonContext
from tabel_journal.domain.access import Action, may_change_closed_term, may_on_lesson
from tabel_platform.errors import Forbidden, NotFound, PreconditionFailed


async def writable_lesson(
    uow: Any, school_id: UUID, lesson_id: UUID, person: UUID
) -> LessonContext:
    s = uow.session
    who, _ = await facts.load(s, school_id=school_id, person_id=person)
    ctx = await lesson_context.load(s, school_id=school_id, lesson_id=lesson_id, person_id=person)
    if ctx is None:
        raise NotFound("journal.lesson_not_found", code="lesson_not_found")
    if not may_on_lesson(who, ctx.scope, Action.HOMEWORK):
        raise Forbidden("journal.lesson_forbidden", code="lesson_forbidden")
    if ctx.cancelled:
        raise PreconditionFailed("journal.lesson_cancelled", code="lesson_cancelled")
    # A permit counts only while the person keeps the closed-term right.
    return replace(ctx, permitted=may_change_closed_term(who, ctx.permitted))

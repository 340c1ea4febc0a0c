"""Reading a lesson's journal and its full change history — record, marks, attendance and
homework given at it — for those allowed."""

from __future__ import annotations

from typing import Any
from uuid import UUID

import orjson
from sqlalchemy import text

from tabel_journal.adapters import entries, facts, lesson_context
from tabel_journal.domain.access import Action, may_on_lesson
from tabel_journal.service_layer.lesson_journal import _person, lesson_journal_json
from tabel_platform.auth.principal import Principal
from tabel_platform.errors import Forbidden, NotFound
from tabel_platform.runtime import Runtime

_LESSON_HISTORY = text("""
SELECT entity, entity_id, version, at, actor_person_id, action, before, after, reason
  FROM history
 WHERE school_id = :s AND (
       (entity = 'lesson_record' AND entity_id = :l)
    OR (entity = 'attendance' AND entity_id LIKE :prefix)
    OR (entity = 'mark' AND entity_id IN (
          SELECT mark_id::text FROM marks WHERE school_id = :s AND lesson_id = CAST(:l AS uuid)))
    OR (entity = 'homework' AND entity_id IN (
          SELECT homework_id::text FROM homework
           WHERE school_id = :s AND lesson_id = CAST(:l AS uuid))))
 ORDER BY entity, entity_id, version
""")


async def read_lesson(
    *,
    runtime: Runtime,
    school_id: UUID,
    principal: Principal,
    lesson_id: UUID,
    with_history: bool = False,
) -> dict[str, Any]:
    person = _person(principal)
    async with runtime.uow(school_id=school_id) as uow:
        s = uow.session
        who, _ = await facts.load(s, school_id=school_id, person_id=person)
        ctx = await lesson_context.load(
            s, school_id=school_id, lesson_id=lesson_id, person_id=person
        )
        if ctx is None:
            raise NotFound("journal.lesson_not_found", code="lesson_not_found")
        if not may_on_lesson(who, ctx.scope, Action.READ):
            raise Forbidden("journal.lesson_forbidden", code="lesson_forbidden")
        if with_history:
            rows = await s.execute(
                _LESSON_HISTORY, {"s": school_id, "l": str(lesson_id), "prefix": f"{lesson_id}/%"}
            )
            return {"lesson_id": str(lesson_id), "versions": [dict(r._mapping) for r in rows]}
        marks, attendance, record, _ = await entries.lesson_state(
            s, school_id=school_id, lesson_id=lesson_id, mark_ids=[]
        )
    body: dict[str, Any] = orjson.loads(
        lesson_journal_json(lesson_id, marks, [], attendance, [], record, None, 0)
    )
    body.update(
        date=ctx.date.isoformat(),
        subject_id=str(ctx.scope.subject_id),
        subject_name=ctx.subject_name,
        term_closed=ctx.term_closed,
        students=sorted(str(x) for x in ctx.students),
        scale=ctx.rules.scale_for(ctx.scope.subject_id, ctx.grade_level).value,
    )
    return body

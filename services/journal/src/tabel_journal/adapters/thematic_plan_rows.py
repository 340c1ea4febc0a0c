"""Thematic plans and their items, their coverage by lesson records, and the plan of a
lesson (its group's when it is a group lesson, else its class's, in the subject and in the
academic year of the lesson's term): SQL only."""

from __future__ import annotations

from datetime import date
from typing import Any
from uuid import UUID

import orjson
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from tabel_journal.adapters.lesson_context import LessonContext

# A plan as JSON with its items in order, and the classes its study group is taught in
# (schedule's teaching assignments): what access decides by.
_PLAN_JSON = """
(to_jsonb(p) - 'school_id') || jsonb_build_object(
  'items', (SELECT coalesce(jsonb_agg(jsonb_build_object('item_id', i.item_id,
              'number', i.number, 'topic', i.topic, 'hours', i.hours) ORDER BY i.number), '[]')
              FROM thematic_plan_items i WHERE i.school_id = p.school_id AND i.plan_id = p.plan_id),
  'group_classes', (SELECT coalesce(jsonb_agg(DISTINCT t.class_id), '[]')
              FROM teaching_assignments t
             WHERE t.school_id = p.school_id AND t.study_group_id = p.study_group_id))
"""
_PLAN = text(f"SELECT {_PLAN_JSON} FROM thematic_plans p WHERE p.school_id = :s AND p.plan_id = :p")  # noqa: S608
_PLANS = text(f"""
SELECT {_PLAN_JSON} FROM thematic_plans p
 WHERE p.school_id = :s
   AND (p.class_id = CAST(:c AS uuid) OR p.study_group_id = CAST(:g AS uuid)
        OR p.study_group_id IN (SELECT t.study_group_id FROM teaching_assignments t
                                 WHERE t.school_id = :s AND t.class_id = CAST(:c AS uuid)))
   AND (CAST(:subject AS uuid) IS NULL OR p.subject_id = CAST(:subject AS uuid))
   AND (CAST(:year AS uuid) IS NULL OR p.academic_year_id = CAST(:year AS uuid))
 ORDER BY p.subject_id, p.plan_id
""")  # noqa: S608
_GROUP_CLASSES = text(
    "SELECT DISTINCT class_id FROM teaching_assignments "
    "WHERE school_id = :s AND study_group_id = :g"
)
_UNIT_PLAN = text("""
SELECT plan_id FROM thematic_plans
 WHERE school_id = :s AND academic_year_id = :y AND subject_id = :subject
   AND coalesce(study_group_id, class_id) = :unit
""")
_YEAR_KNOWN = text(
    "SELECT EXISTS (SELECT 1 FROM terms WHERE school_id = :s AND academic_year_id = :y)"
)
_UPSERT_PLAN = text("""
INSERT INTO thematic_plans (school_id, plan_id, academic_year_id, class_id, study_group_id,
                            subject_id, version, updated_at, updated_by)
VALUES (:s, :plan_id, :academic_year_id, :class_id, :study_group_id, :subject_id, :version,
        :updated_at, :updated_by)
ON CONFLICT (school_id, plan_id) DO UPDATE SET version = EXCLUDED.version,
  updated_at = EXCLUDED.updated_at, updated_by = EXCLUDED.updated_by
""")
_DELETE_ITEMS = text("DELETE FROM thematic_plan_items WHERE school_id = :s AND plan_id = :p")
_INSERT_ITEMS = text("""
INSERT INTO thematic_plan_items (school_id, item_id, plan_id, number, topic, hours)
SELECT :s, r.item_id, :p, r.number, r.topic, r.hours
  FROM jsonb_to_recordset(CAST(:items AS jsonb))
       AS r(item_id uuid, number int, topic text, hours int)
""")
_COVERAGE = text("""
SELECT r.plan_item_id, l.lesson_id, l.date, l.period FROM lesson_records r
  JOIN lessons l ON l.school_id = r.school_id AND l.lesson_id = r.lesson_id
 WHERE r.school_id = :s AND r.plan_item_id = ANY(CAST(:items AS uuid[])) AND NOT l.cancelled
 ORDER BY l.date, l.period
""")
_LESSON_PLAN_ITEMS = """
  FROM thematic_plans p
  JOIN thematic_plan_items i ON i.school_id = p.school_id AND i.plan_id = p.plan_id
 WHERE p.school_id = :s AND p.subject_id = :subject
   AND p.academic_year_id = (SELECT t.academic_year_id FROM terms t
                              WHERE t.school_id = :s AND t.term_id = :term)
   AND CASE WHEN CAST(:grouped AS boolean) THEN p.study_group_id = ANY(CAST(:groups AS uuid[]))
            ELSE p.class_id = ANY(CAST(:classes AS uuid[])) END
"""
_ITEM_TOPIC = text(f"SELECT i.topic {_LESSON_PLAN_ITEMS} AND i.item_id = :item")
_SUGGESTION = text(f"""
SELECT jsonb_build_object('plan_id', p.plan_id, 'item_id', i.item_id, 'number', i.number,
                          'topic', i.topic, 'hours', i.hours)
{_LESSON_PLAN_ITEMS}
   AND NOT EXISTS (
     SELECT 1 FROM lesson_records r
       JOIN lessons l ON l.school_id = r.school_id AND l.lesson_id = r.lesson_id
      WHERE r.school_id = :s AND r.plan_item_id = i.item_id AND l.lesson_id <> :lesson
        AND NOT l.cancelled AND (l.date, l.period) < (:date, :period))
 ORDER BY i.number, p.plan_id LIMIT 1
""")  # noqa: S608


async def plan(session: AsyncSession, *, school_id: UUID, plan_id: UUID) -> Any:
    return (await session.execute(_PLAN, {"s": school_id, "p": plan_id})).scalar()


async def plans(
    session: AsyncSession,
    *,
    school_id: UUID,
    class_id: UUID | None,
    study_group_id: UUID | None,
    subject_id: UUID | None,
    academic_year_id: UUID | None,
) -> list[Any]:
    """The plans of a class (also of the study groups taught in it) or of a study group."""
    params = {
        "s": school_id,
        "c": class_id,
        "g": study_group_id,
        "subject": subject_id,
        "year": academic_year_id,
    }
    return list((await session.execute(_PLANS, params)).scalars())


async def group_classes(session: AsyncSession, *, school_id: UUID, group_id: UUID) -> list[UUID]:
    return list((await session.execute(_GROUP_CLASSES, {"s": school_id, "g": group_id})).scalars())


async def plan_of_unit(
    session: AsyncSession, *, school_id: UUID, year_id: UUID, subject_id: UUID, unit_id: UUID
) -> UUID | None:
    params = {"s": school_id, "y": year_id, "subject": subject_id, "unit": unit_id}
    found: UUID | None = (await session.execute(_UNIT_PLAN, params)).scalar()
    return found


async def year_known(session: AsyncSession, *, school_id: UUID, year_id: UUID) -> bool:
    return bool((await session.execute(_YEAR_KNOWN, {"s": school_id, "y": year_id})).scalar())


async def save(
    session: AsyncSession, *, school_id: UUID, row: dict[str, Any], items: list[dict[str, Any]]
) -> None:
    """The plan's row and its items, replacing the items it had."""
    await session.execute(_UPSERT_PLAN, {"s": school_id, **row})
    await session.execute(_DELETE_ITEMS, {"s": school_id, "p": row["plan_id"]})
    if items:
        payload = orjson.dumps(items, default=str).decode()
        await session.execute(
            _INSERT_ITEMS, {"s": school_id, "p": row["plan_id"], "items": payload}
        )


async def coverage(
    session: AsyncSession, *, school_id: UUID, item_ids: list[UUID]
) -> list[tuple[UUID, UUID, date, int]]:
    """(item, lesson, date, period) of every lesson held to an item, in order of the lessons."""
    rows = await session.execute(_COVERAGE, {"s": school_id, "items": item_ids})
    return [(r.plan_item_id, r.lesson_id, r.date, r.period) for r in rows]


def _lesson_params(school_id: UUID, ctx: LessonContext) -> dict[str, Any]:
    return {
        "s": school_id,
        "subject": ctx.scope.subject_id,
        "term": ctx.term_id,
        "grouped": bool(ctx.scope.study_group_ids),
        "groups": list(ctx.scope.study_group_ids),
        "classes": list(ctx.scope.class_ids),
    }


async def item_topic(
    session: AsyncSession, *, school_id: UUID, ctx: LessonContext, item_id: UUID
) -> str | None:
    """The item's topic if it is an item of the lesson's plan; None otherwise."""
    params = {**_lesson_params(school_id, ctx), "item": item_id}
    found: str | None = (await session.execute(_ITEM_TOPIC, params)).scalar()
    return found


async def suggestion(session: AsyncSession, *, school_id: UUID, ctx: LessonContext) -> Any:
    """The first item of the lesson's plan no earlier lesson covered, as JSON; None: none."""
    params = {
        **_lesson_params(school_id, ctx),
        "lesson": ctx.lesson_id,
        "date": ctx.date,
        "period": ctx.period,
    }
    return (await session.execute(_SUGGESTION, params)).scalar()

"""The first statement of a lesson save, one round trip instead of four: claim the request's
idempotency key, take the lesson's lock, load the saver's access facts and the lesson."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from uuid import UUID

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from tabel_journal.adapters import entries, facts, idempotency, lesson_context
from tabel_journal.adapters.lesson_context import LessonContext
from tabel_journal.domain.access import Facts

_FACTS_HEAD = """,
       (SELECT coalesce(jsonb_agg(jsonb_build_array(f.k, f.a, f.b, f.c)), '[]') FROM ("""
_FACTS_TAIL = f""") f) AS facts,
       {entries.LOCK_SQL} IS NULL AS locked,
       """


def _prelude(claim: bool) -> str:
    """The lesson context query with the claim, the facts and the lock added to it."""
    columns, rest = lesson_context.CONTEXT_SQL.split("FROM lessons l\n", 1)
    parts = [columns, _FACTS_HEAD, facts.FACTS_SQL, _FACTS_TAIL]
    if claim:
        parts = ["WITH claim AS (", idempotency.CLAIM_SQL, ")\n", *parts]
        parts.append("(SELECT count(*) FROM claim) AS claimed\n")
    else:
        parts.append("1 AS claimed\n")
    return "".join([*parts, "  FROM lessons l\n", rest])


_WITH_KEY = text(_prelude(claim=True))
_WITHOUT_KEY = text(_prelude(claim=False))


@dataclass(frozen=True)
class Prelude:
    who: Facts
    lesson: LessonContext
    claimed: bool  # False: the key was used before, the first answer stands


async def load(
    session: AsyncSession,
    *,
    school_id: UUID,
    lesson_id: UUID,
    person_id: UUID,
    key: str | None,
    actor: str,
    payload_hash: str,
) -> Prelude | None:
    """None when the lesson does not exist. The lock is held to the end of the transaction
    (saves of one lesson run one after another; see entries.lock_lesson)."""
    params = {
        "school": school_id,
        "lesson": lesson_id,
        "person": person_id,
        "s": school_id,
        "p": person_id,
        "student": None,
        "on": date.today(),
        "lock": entries.lock_key(school_id, lesson_id),
    }
    if key is not None:
        params |= {"k": key, "a": actor, "h": payload_hash}
    row = (await session.execute(_WITH_KEY if key else _WITHOUT_KEY, params)).first()
    if row is None:
        return None
    who, _ = facts.facts_from_rows(person_id, row.facts)
    return Prelude(who=who, lesson=lesson_context.from_row(row), claimed=bool(row.claimed))

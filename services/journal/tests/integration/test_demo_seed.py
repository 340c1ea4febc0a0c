"""The demo seed fills 5А of school 1: in schedule's lessons of the newest week when schedule
has published them, else in a week of its own; running it twice changes nothing."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import date, timedelta
from typing import Any

import pytest
from sqlalchemy import text

from tabel_journal.demo import CLASS, MATH, SCHOOL, TEACHER, seed_demo

from .conftest import journal_service
from .world import World


@pytest.fixture
async def fresh_journal(
    make_database: Any, nats_server: Any, issuer: Any, tmp_path_factory: Any
) -> AsyncIterator[Any]:
    """A journal of its own: the demo school's ids are fixed, so no other test may share it."""
    database_url = await make_database(migrations="tabel_journal:migrations")
    async with journal_service(database_url, nats_server, issuer, tmp_path_factory) as svc:
        yield svc


async def counts(journal: Any) -> tuple[int, ...]:
    async with journal.runtime.db.transaction(school_id=SCHOOL) as s:
        tables = ("marks", "history", "homework", "submissions", "submission_log")
        return tuple(
            [(await s.execute(text(f"SELECT count(*) FROM {t}"))).scalar_one() for t in tables]
        )


async def test_without_schedule_the_seed_makes_its_week_and_is_idempotent(
    fresh_journal: Any,
) -> None:
    lines = await seed_demo(fresh_journal.runtime)
    assert lines[0].startswith("journal: 5А") and "созданы самим журналом" in lines[0]
    before = await counts(fresh_journal)
    assert before[0] > 0 and before[2:] == (2, 1, 1)  # two homework, one handed in
    await seed_demo(fresh_journal.runtime)
    assert await counts(fresh_journal) == before


async def test_the_seed_fills_schedules_lessons_of_the_newest_week(fresh_journal: Any) -> None:
    w = World(fresh_journal, school=SCHOOL, math=MATH)
    w.classes["5А"], w.people["maths"] = CLASS, TEACHER
    today = date.today()
    monday = today - timedelta(days=today.weekday())
    await w.open_term(monday - timedelta(days=30), monday + timedelta(days=30))
    older = await w.lesson("5А", MATH, "maths", monday - timedelta(days=7))
    marked = [
        await w.lesson("5А", MATH, "maths", monday, period=3),
        await w.lesson("5А", MATH, "maths", monday, period=5),
    ]
    due = await w.lesson("5А", MATH, "maths", monday + timedelta(days=8))

    lines = await seed_demo(fresh_journal.runtime)
    assert "по расписанию за неделю: 2" in lines[0]
    async with fresh_journal.runtime.db.transaction(school_id=SCHOOL) as s:
        filled = await s.execute(text("SELECT DISTINCT lesson_id FROM marks"))
        assert {r[0] for r in filled} == set(marked), "this week's lessons up to today only"
        homework = await s.execute(text("SELECT DISTINCT lesson_id, due_lesson_id FROM homework"))
        assert [tuple(r) for r in homework] == [(marked[0], due)]
        own = await s.execute(text("SELECT count(*) FROM lessons WHERE lesson_id <> ALL(:ids)"),
                              {"ids": [older, *marked, due]})  # fmt: skip
        assert own.scalar_one() == 0, "no lessons of the journal's own"

"""The demo seed fills 5А of school 1 and running it twice changes nothing."""

from __future__ import annotations

from typing import Any

from sqlalchemy import text

from tabel_journal.demo import SCHOOL, seed_demo


async def test_demo_seed_is_idempotent(journal: Any) -> None:
    lines = await seed_demo(journal.runtime)
    assert lines and lines[0].startswith("journal: 5А")

    async def count() -> tuple[int, ...]:
        async with journal.runtime.db.transaction(school_id=SCHOOL) as s:
            tables = ("marks", "history", "homework", "submissions", "submission_log")
            found = [
                (await s.execute(text(f"SELECT count(*) FROM {table}"))).scalar_one()
                for table in tables
            ]
        return tuple(found)

    before = await count()
    assert before[0] > 0 and before[2:] == (2, 1, 1)  # two homework, one handed in
    await seed_demo(journal.runtime)
    assert await count() == before

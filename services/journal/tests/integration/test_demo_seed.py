"""The demo seed fills 5А of school 1 and running it twice changes nothing."""

from __future__ import annotations

from typing import Any

from sqlalchemy import text

from tabel_journal.demo import SCHOOL, seed_demo


async def test_demo_seed_is_idempotent(journal: Any) -> None:
    lines = await seed_demo(journal.runtime)
    assert lines and lines[0].startswith("journal: 5А")

    async def count() -> tuple[int, int]:
        async with journal.runtime.db.transaction(school_id=SCHOOL) as s:
            marks = (await s.execute(text("SELECT count(*) FROM marks"))).scalar_one()
            history = (await s.execute(text("SELECT count(*) FROM history"))).scalar_one()
        return marks, history

    before = await count()
    assert before[0] > 0
    await seed_demo(journal.runtime)
    assert await count() == before

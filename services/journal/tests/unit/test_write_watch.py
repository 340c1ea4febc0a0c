"""Which statements count as journal writes for the diary cache, and whose school they bump."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any
from uuid import uuid4

import pytest

from tabel_journal.adapters.write_watch import WriteWatch, _observe

SCHOOL = uuid4()
SET_TENANT = "SELECT set_config('tabel.school_id', $1::VARCHAR, true), set_config(...)"


def run(watch: WriteWatch, *statements: tuple[str, Any]) -> None:
    conn: Any = SimpleNamespace(info={})
    for sql, params in statements:
        _observe(conn, None, sql, params, None, False)
    watch._committed(conn)


@pytest.mark.parametrize(
    "sql",
    [
        "INSERT INTO marks (mark_id) VALUES ($1)",
        "UPDATE attendance SET status = $1",
        "DELETE FROM homework WHERE school_id = $1",
        "WITH x AS (SELECT 1) INSERT INTO lesson_records SELECT * FROM x",
    ],
)
def test_a_committed_write_bumps_its_school_only(sql: str) -> None:
    watch, other = WriteWatch(), uuid4()
    before, before_other = watch.generation(SCHOOL), watch.generation(other)
    run(watch, (SET_TENANT, (str(SCHOOL), "off")), (sql, ()))
    assert watch.generation(SCHOOL) != before
    assert watch.generation(other) == before_other


@pytest.mark.parametrize(
    "sql",
    [
        "SELECT * FROM marks WHERE school_id = $1",
        "SELECT id FROM outbox WHERE published_at IS NULL FOR UPDATE SKIP LOCKED",
        "SELECT 1 FROM lessons WHERE lesson_id = $1 FOR NO KEY UPDATE",
        "UPDATE outbox SET published_at = clock_timestamp() WHERE id = ANY($1)",
        "INSERT INTO inbox (event_id) VALUES ($1)",
    ],
)
def test_reads_and_bookkeeping_bump_nothing(sql: str) -> None:
    watch = WriteWatch()
    before = watch.generation(SCHOOL)
    run(watch, (SET_TENANT, ("", "on")), (sql, ()))
    assert watch.generation(SCHOOL) == before


def test_a_write_across_all_schools_bumps_every_school() -> None:
    watch = WriteWatch()
    before = watch.generation(SCHOOL)
    run(watch, (SET_TENANT, ("", "on")), ("INSERT INTO people (person_id) VALUES ($1)", ()))
    assert watch.generation(SCHOOL) != before

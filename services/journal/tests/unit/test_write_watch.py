"""Which statements count as journal writes for the diary cache, and whose school they bump."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any
from uuid import uuid4

import pytest

from tabel_journal.adapters.write_watch import WriteWatch, _observe, touch_lessons

SCHOOL, LESSON = uuid4(), uuid4()
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


def test_entries_of_declared_lessons_bump_those_lessons_only() -> None:
    watch, lesson, other = WriteWatch(), uuid4(), uuid4()
    seq = watch.seq()
    conn: Any = SimpleNamespace(info={})
    _observe(conn, None, SET_TENANT, (str(SCHOOL), "off"), None, False)
    touch_lessons(conn, [lesson])
    _observe(conn, None, "WITH m AS (INSERT INTO marks SELECT 1 ON CONFLICT (mark_id) DO UPDATE "
             "SET value = EXCLUDED.value), h AS (INSERT INTO history SELECT 1) SELECT 1", {},
             None, False)  # fmt: skip
    watch._committed(conn)
    assert watch.changed_since(seq, SCHOOL, [lesson])
    assert not watch.changed_since(seq, SCHOOL, [other])
    assert watch.generation(SCHOOL) == (0, 0)


def test_entries_without_declared_lessons_or_with_other_tables_bump_the_school() -> None:
    for statements in (
        ["INSERT INTO marks (mark_id) VALUES ($1)"],
        ["INSERT INTO marks (mark_id) VALUES ($1)", "UPDATE settings SET doc = $1"],
    ):
        watch = WriteWatch()
        conn: Any = SimpleNamespace(info={})
        _observe(conn, None, SET_TENANT, (str(SCHOOL), "off"), None, False)
        if len(statements) > 1:
            touch_lessons(conn, [uuid4()])
        for sql in statements:
            _observe(conn, None, sql, (), None, False)
        watch._committed(conn)
        assert watch.generation(SCHOOL) != (0, 0), statements


def test_logs_no_cache_reads_bump_nothing() -> None:
    watch = WriteWatch()
    run(watch, (SET_TENANT, (str(SCHOOL), "off")), ("INSERT INTO history SELECT 1", ()),
        ("INSERT INTO idempotency_keys SELECT 1", ()))  # fmt: skip
    assert watch.seq() == 0


@pytest.mark.parametrize(
    ("payload", "school_voided", "lesson_voided"),
    [
        ("{school}", True, True),
        ("*", True, True),
        ("", True, True),
        ("{school}:{lesson},{other}", False, True),
        ("{school}:{other}", False, False),
        ("{school}:not-a-lesson", True, True),
    ],
)
def test_notifications_void_what_they_name(
    payload: str, school_voided: bool, lesson_voided: bool
) -> None:
    watch = WriteWatch()
    watch.heard(payload.format(school=SCHOOL, lesson=LESSON, other=uuid4()))
    assert watch.changed_since(0, SCHOOL) is school_voided
    assert watch.changed_since(0, SCHOOL, [LESSON]) is lesson_voided

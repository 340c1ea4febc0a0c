"""Writes committed through one database connection pool are heard by another process's
`WriteWatch` (migration 0003's NOTIFY and adapters/change_listener.py)."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from typing import Any
from uuid import UUID

import pytest
from sqlalchemy import text

from tabel_journal.adapters.change_listener import ChangeListener
from tabel_journal.adapters.write_watch import SILENT, WriteWatch
from tabel_platform.db.database import Database
from tabel_platform.waiting import eventually

_UPSERT_SETTINGS = text(
    "INSERT INTO settings (school_id, doc) VALUES (:s, '{}') "
    "ON CONFLICT (school_id) DO UPDATE SET updated_at = now()"
)


@pytest.fixture
async def writer(journal_database: str) -> AsyncIterator[Database]:
    db = Database(journal_database, pool_size=1)
    yield db
    await db.dispose()


@pytest.fixture
async def other_process(journal_database: str) -> AsyncIterator[WriteWatch]:
    """The watch of "another process": its own engine, listener and connection."""
    db = Database(journal_database, pool_size=1)
    watch = WriteWatch()
    listener = ChangeListener(db.engine, watch)
    await listener.start()
    assert listener.listening.is_set()
    yield watch
    await listener.stop()
    await db.dispose()


async def _write(db: Database, school: UUID, *, commit: bool = True) -> None:
    class RolledBack(Exception):
        pass

    try:
        async with db.transaction(school_id=school) as s:
            await s.execute(_UPSERT_SETTINGS, {"s": school})
            if not commit:
                raise RolledBack
    except RolledBack:
        pass


async def test_a_commit_voids_its_school_in_the_other_process_and_a_rollback_nothing(
    writer: Database, other_process: WriteWatch
) -> None:
    written, rolled_back, last = uuid.uuid4(), uuid.uuid4(), uuid.uuid4()
    before = {s: other_process.generation(s) for s in (written, rolled_back, last)}
    await _write(writer, written)
    await _write(writer, rolled_back, commit=False)
    await _write(writer, last)
    # Notifications arrive in commit order: once the last one is heard, so is the first.
    await eventually(lambda: _generation(other_process, last), lambda g: g != before[last])
    assert other_process.generation(written) != before[written]
    assert other_process.generation(rolled_back) == before[rolled_back]


async def test_every_journal_table_notifies_its_writes(journal_database: str) -> None:
    """A table added later without the trigger would hide its writes from other processes."""
    db = Database(journal_database, pool_size=1)
    try:
        async with db.transaction(school_id=None, all_schools=True) as s:
            tables = set(
                (
                    await s.execute(
                        text(
                            "SELECT tablename FROM pg_tables WHERE schemaname = current_schema() "
                            "AND tablename NOT IN ('outbox', 'inbox', 'alembic_version')"
                        )
                    )
                ).scalars()
            )
            notifying = set(
                (
                    await s.execute(
                        text(
                            "SELECT c.relname FROM pg_trigger t "
                            "JOIN pg_class c ON c.oid = t.tgrelid "
                            "JOIN pg_proc p ON p.oid = t.tgfoid "
                            "WHERE p.proname IN ('tabel_journal_changed', "
                            "'tabel_journal_lessons_changed')"
                        )
                    )
                ).scalars()
            )
    finally:
        await db.dispose()
    assert tables and tables - SILENT <= notifying, tables - SILENT - notifying
    assert not SILENT & notifying, "logs no cache reads need not wake every process"


async def _generation(watch: WriteWatch, school: UUID) -> Any:
    return watch.generation(school)


async def test_a_lessons_entries_are_heard_as_that_lesson_not_the_whole_school(
    writer: Database, other_process: WriteWatch
) -> None:
    school, lesson, elsewhere = uuid.uuid4(), uuid.uuid4(), uuid.uuid4()
    seq, generation = other_process.seq(), other_process.generation(school)
    async with writer.transaction(school_id=school) as s:
        await s.execute(
            text(
                "INSERT INTO lesson_records (school_id, lesson_id, topic, work_types, taught_by, "
                "updated_by, updated_at, version) "
                "VALUES (:s, :l, 'Дроби', '{}', :p, :p, now(), 1)"
            ),
            {"s": school, "l": lesson, "p": uuid.uuid4()},
        )
    await eventually(lambda: _changed(other_process, seq, school, lesson), lambda changed: changed)
    assert not other_process.changed_since(seq, school, [elsewhere]), "other lessons stay"
    assert other_process.generation(school) == generation, "the school as a whole stays"


async def _changed(watch: WriteWatch, seq: int, school: UUID, lesson: UUID) -> bool:
    return watch.changed_since(seq, school, [lesson])

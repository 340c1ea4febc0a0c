"""What this process (and, through `ChangeListener`, every other journal process) has changed,
so read caches never hide a committed write.

A committed transaction bumps, on one counter:
- its lessons, when it wrote only entries of declared lessons (marks, attendance, records,
  homework: `touch_lessons`) — a teacher's save voids the diary weeks showing that lesson,
  not the whole school's, which a school day of saves would otherwise empty all the time;
- its school, for any other write (projections, settings, entries of undeclared lessons);
- everything, for a write with no school set (all schools).
Logs nothing caches read (history, idempotency answers) and the relay's bookkeeping (outbox,
inbox) bump nothing. A cache remembers `seq()` from before its read and asks
`changed_since(seq, school, lessons)`.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Sequence
from typing import Any
from uuid import UUID

from sqlalchemy import event
from sqlalchemy.engine import Connection
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

_LOCKS = re.compile(r"\bFOR\s+(NO\s+KEY\s+)?UPDATE\b|\bDO\s+UPDATE\b", re.IGNORECASE)
_WRITTEN = re.compile(r"\b(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+(\w+)", re.IGNORECASE)
SILENT = frozenset({"outbox", "inbox", "history", "idempotency_keys"})
LESSON_ENTRIES = frozenset({"marks", "attendance", "lesson_records", "homework"})
_SET_TENANT = "set_config('tabel.school_id'"
_ALL = "*"
_LESSONS = "tabel_lessons"
MAX_LESSONS = 100_000  # remembered bumps; past that everything is bumped once and forgotten


class WriteWatch:
    def __init__(self) -> None:
        self._seq = 0
        self._everything = 0
        self._schools: dict[UUID, int] = {}
        self._lessons: dict[UUID, int] = {}

    def seq(self) -> int:
        """Moves with every bump: take it before a read, ask `changed_since` after."""
        return self._seq

    def changed_since(self, seq: int, school: UUID, lessons: Iterable[UUID] = ()) -> bool:
        if self._seq == seq:
            return False
        if self._everything > seq or self._schools.get(school, 0) > seq:
            return True
        bumped = self._lessons.get
        return any(bumped(lesson, 0) > seq for lesson in lessons)

    def generation(self, school_id: UUID) -> tuple[int, int]:
        """Changes whenever a write touched this school as a whole (not a lesson's entries)."""
        return self._everything, self._schools.get(school_id, 0)

    def bump(self, school: str) -> None:
        """`school` as SQL parameters and notifications carry it; `*` (or anything that is
        not a school id) bumps every school."""
        self._seq += 1
        try:
            self._schools[UUID(school)] = self._seq
        except ValueError:
            self._everything = self._seq

    def bump_lessons(self, lessons: Iterable[UUID]) -> None:
        self._seq += 1
        for lesson in lessons:
            self._lessons[lesson] = self._seq
        if len(self._lessons) > MAX_LESSONS:
            self._lessons.clear()
            self._everything = self._seq

    def heard(self, payload: str) -> None:
        """A notification: `<school>`, `*`, or `<school>:<lesson>,<lesson>…` (migration 0005)."""
        school, _, lessons = payload.partition(":")
        if not lessons:
            self.bump(school or _ALL)
            return
        try:
            self.bump_lessons([UUID(x) for x in lessons.split(",")])
        except ValueError:
            self.bump(school or _ALL)

    def attach(self, engine: AsyncEngine) -> None:
        sync = engine.sync_engine
        event.listen(sync, "begin", _forget)
        event.listen(sync, "before_cursor_execute", _observe)
        event.listen(sync, "commit", self._committed)
        event.listen(sync, "rollback", _forget)

    def _committed(self, conn: Connection) -> None:
        written: set[str] | None = conn.info.pop("tabel_wrote", None)
        school = conn.info.pop("tabel_school", None)
        lessons: set[UUID] | None = conn.info.pop(_LESSONS, None)
        if not written:
            return
        if written <= LESSON_ENTRIES and lessons and school and school != _ALL:
            self.bump_lessons(lessons)
        else:
            self.bump(school or _ALL)


def touch_lessons(connection: AsyncConnection | Connection, lessons: Iterable[UUID]) -> None:
    """Declares whose entries this transaction writes, so its commit voids those lessons'
    cached views only. Without it a write of entries voids the school's."""
    connection.info.setdefault(_LESSONS, set()).update(lessons)


def _forget(conn: Connection) -> None:
    for key in ("tabel_wrote", "tabel_school", _LESSONS):
        conn.info.pop(key, None)


def _observe(
    conn: Connection, _cursor: Any, statement: str, params: Any, _ctx: Any, _many: bool
) -> None:
    if _SET_TENANT in statement:
        conn.info["tabel_school"] = _first(params) or _ALL
        return
    if tables := _writes(statement):
        conn.info.setdefault("tabel_wrote", set()).update(tables)


@functools.lru_cache(maxsize=4096)
def _writes(statement: str) -> frozenset[str]:
    """The tables a statement writes that caches care about (statements repeat: cached)."""
    tables = {t.lower() for t in _WRITTEN.findall(_LOCKS.sub(" ", statement))}
    return frozenset(tables - SILENT)


def _first(params: Any) -> str:
    if isinstance(params, dict):
        return str(params.get("school") or "")
    if isinstance(params, Sequence) and params and not isinstance(params, str):
        return str(params[0] or "")
    return ""

"""Which schools this process has changed: a generation per school, bumped when a transaction
that wrote journal rows commits (any write path: HTTP, gRPC, consumers, imports).

Read caches remember the generation they were filled at and are void once it moves, so a
change made in this process is never hidden by them. Writes to the outbox and inbox (the
relay's bookkeeping) do not count. A write with no school set (all schools) bumps them all.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Sequence
from typing import Any
from uuid import UUID

from sqlalchemy import event
from sqlalchemy.engine import Connection
from sqlalchemy.ext.asyncio import AsyncEngine

_LOCKS = re.compile(r"\bFOR\s+(NO\s+KEY\s+)?UPDATE\b", re.IGNORECASE)
_WRITTEN = re.compile(r"\b(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+(\w+)", re.IGNORECASE)
_BOOKKEEPING = frozenset({"outbox", "inbox"})
_SET_TENANT = "set_config('tabel.school_id'"
_ALL = "*"


class WriteWatch:
    def __init__(self) -> None:
        self._counter = itertools.count(1)
        self._everything = 0
        self._schools: dict[UUID, int] = {}

    def generation(self, school_id: UUID) -> tuple[int, int]:
        """Changes whenever a committed write may have touched this school (read on every
        cache hit, so keyed by UUID: no string conversion per read)."""
        return self._everything, self._schools.get(school_id, 0)

    def bump(self, school: str) -> None:
        """`school` as SQL parameters and notifications carry it; `*` (or anything that is
        not a school id) bumps every school."""
        try:
            self._schools[UUID(school)] = next(self._counter)
        except ValueError:
            self._everything = next(self._counter)

    def attach(self, engine: AsyncEngine) -> None:
        sync = engine.sync_engine
        event.listen(sync, "begin", _forget)
        event.listen(sync, "before_cursor_execute", _observe)
        event.listen(sync, "commit", self._committed)
        event.listen(sync, "rollback", _forget)

    def _committed(self, conn: Connection) -> None:
        written = conn.info.pop("tabel_wrote", None)
        school = conn.info.pop("tabel_school", None)
        if written:
            self.bump(school or _ALL)


def _forget(conn: Connection) -> None:
    conn.info.pop("tabel_wrote", None)
    conn.info.pop("tabel_school", None)


def _observe(
    conn: Connection, _cursor: Any, statement: str, params: Any, _ctx: Any, _many: bool
) -> None:
    if _SET_TENANT in statement:
        conn.info["tabel_school"] = _first(params) or _ALL
        return
    if not conn.info.get("tabel_wrote") and _writes(statement):
        conn.info["tabel_wrote"] = True


@functools.lru_cache(maxsize=4096)
def _writes(statement: str) -> bool:
    """Whether a statement writes rows other than the relay's (statements repeat: cached)."""
    tables = {t.lower() for t in _WRITTEN.findall(_LOCKS.sub(" ", statement))}
    return bool(tables - _BOOKKEEPING)


def _first(params: Any) -> str:
    if isinstance(params, dict):
        return str(params.get("school") or "")
    if isinstance(params, Sequence) and params and not isinstance(params, str):
        return str(params[0] or "")
    return ""

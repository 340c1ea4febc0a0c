"""The school a request acts in. Set once by the entrypoint, read by the unit of work.

PostgreSQL row-level security (see `tabel_platform.db.rls`) enforces the same school as a
second line: a query that forgets its `school_id` filter still sees only this school's rows.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from uuid import UUID

current_school: ContextVar[UUID | None] = ContextVar("current_school", default=None)


@contextmanager
def school_scope(school_id: UUID | None) -> Iterator[None]:
    token = current_school.set(school_id)
    try:
        yield
    finally:
        current_school.reset(token)

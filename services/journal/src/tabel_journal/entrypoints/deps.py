"""The journal's own FastAPI dependencies.

`JournalRuntime` replaces the platform's `CurrentRuntime`, whose plain `def` FastAPI runs in a
worker thread on every request; on the hot paths that thread hop cost more than a database
round trip (profiled with py-spy under bench/journal/run.py). `Reader` is the runtime, the
caller and their school in one dependency, for the diary's reads: FastAPI spends tens of
microseconds on each dependency level it resolves.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated
from uuid import UUID

from fastapi import Depends, Header, Request

from tabel_platform.auth.principal import Principal
from tabel_platform.http.security import caller
from tabel_platform.runtime import Runtime


async def journal_runtime(request: Request) -> Runtime:
    runtime: Runtime = request.app.state.runtime
    return runtime


JournalRuntime = Annotated[Runtime, Depends(journal_runtime)]
# A client's key for a write it may retry: the same key and body give the first answer again.
IdempotencyKey = Annotated[str | None, Header(alias="Idempotency-Key", max_length=200)]


@dataclass(frozen=True, slots=True)
class ReaderContext:
    runtime: Runtime
    principal: Principal
    school_id: UUID


async def reader_context(request: Request) -> ReaderContext:
    who = await caller(request)
    return ReaderContext(request.app.state.runtime, who.principal, who.school_id)


Reader = Annotated[ReaderContext, Depends(reader_context)]

"""The journal's own FastAPI dependencies.

`JournalRuntime` replaces the platform's `CurrentRuntime`, whose plain `def` FastAPI runs in a
worker thread on every request; on the hot paths that thread hop cost more than a database
round trip (profiled with py-spy under bench/journal/run.py).
"""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from tabel_platform.runtime import Runtime


async def journal_runtime(request: Request) -> Runtime:
    runtime: Runtime = request.app.state.runtime
    return runtime


JournalRuntime = Annotated[Runtime, Depends(journal_runtime)]

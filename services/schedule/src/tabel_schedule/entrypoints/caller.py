"""FastAPI dependency: what schedule knows about the caller in the request's school."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends

from tabel_platform.http.security import CurrentPrincipal, CurrentSchool
from tabel_platform.runtime import CurrentRuntime
from tabel_schedule.access import Facts
from tabel_schedule.adapters import access_repo


async def caller_facts(
    principal: CurrentPrincipal, school: CurrentSchool, runtime: CurrentRuntime
) -> Facts:
    async with runtime.uow(school_id=school) as uow:
        return await access_repo.facts_of(uow.session, principal=principal, school_id=school)


CurrentFacts = Annotated[Facts, Depends(caller_facts)]

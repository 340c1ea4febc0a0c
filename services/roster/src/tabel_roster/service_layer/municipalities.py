"""Use cases on the region's municipalities."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from uuid import UUID

from tabel_platform.errors import Conflict
from tabel_platform.events.envelope import Actor
from tabel_platform.runtime import Runtime
from tabel_roster.adapters import schools_repo
from tabel_roster.domain.events import municipality_created
from tabel_roster.domain.schools import Municipality


@dataclass(frozen=True)
class CreateMunicipality:
    name: str
    oktmo: str = ""
    municipality_id: UUID | None = None


async def create_municipality(
    *, runtime: Runtime, command: CreateMunicipality, actor: Actor
) -> Municipality:
    m = Municipality(
        id=command.municipality_id or uuid.uuid4(),
        name=command.name.strip(),
        oktmo=command.oktmo.strip(),
    )
    async with runtime.uow(all_schools=True, actor=actor) as uow:
        known = await schools_repo.get_municipality(uow.session, m.id)
        if known or await schools_repo.municipality_named(uow.session, m.name):
            raise Conflict("roster.municipality_exists", code="municipality_exists")
        await schools_repo.add_municipality(uow.session, m)
        uow.emit(municipality_created(m), school_id=None)
    return m


async def list_municipalities(*, runtime: Runtime) -> list[Municipality]:
    async with runtime.uow(all_schools=True) as uow:
        return await schools_repo.list_municipalities(uow.session)

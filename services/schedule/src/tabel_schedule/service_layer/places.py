"""Use cases on buildings, rooms and subjects."""

from __future__ import annotations

import uuid
from typing import Any
from uuid import UUID

from tabel_platform.errors import Conflict, NotFound
from tabel_platform.events.envelope import Actor
from tabel_platform.runtime import Runtime
from tabel_schedule.adapters import places_repo as repo


async def create_building(
    *,
    runtime: Runtime,
    school_id: UUID,
    name: str,
    address: str,
    actor: Actor,
    building_id: UUID | None = None,
) -> Any:
    new_id = building_id or uuid.uuid4()
    async with runtime.uow(school_id=school_id, actor=actor) as uow:
        await repo.add(
            uow.session,
            repo.buildings,
            id=new_id,
            school_id=school_id,
            name=name.strip(),
            address=address.strip(),
        )
        return await repo.get(uow.session, repo.buildings, new_id)


async def create_room(
    *,
    runtime: Runtime,
    school_id: UUID,
    building_id: UUID,
    name: str,
    capacity: int | None,
    actor: Actor,
    room_id: UUID | None = None,
) -> Any:
    new_id = room_id or uuid.uuid4()
    async with runtime.uow(school_id=school_id, actor=actor) as uow:
        if await repo.get(uow.session, repo.buildings, building_id) is None:
            raise NotFound("schedule.building_not_found", code="building_not_found")
        name = name.strip()
        if await repo.find_by_name(uow.session, repo.rooms, name, building_id=building_id):
            raise Conflict("schedule.room_exists", code="room_exists", name=name)
        await repo.add(
            uow.session,
            repo.rooms,
            id=new_id,
            school_id=school_id,
            building_id=building_id,
            name=name,
            capacity=capacity,
        )
        return await repo.get(uow.session, repo.rooms, new_id)


async def create_subject(
    *,
    runtime: Runtime,
    school_id: UUID,
    name: str,
    short_name: str,
    actor: Actor,
    subject_id: UUID | None = None,
) -> Any:
    new_id = subject_id or uuid.uuid4()
    async with runtime.uow(school_id=school_id, actor=actor) as uow:
        name = name.strip()
        if await repo.find_by_name(uow.session, repo.subjects, name):
            raise Conflict("schedule.subject_exists", code="subject_exists", name=name)
        await repo.add(
            uow.session,
            repo.subjects,
            id=new_id,
            school_id=school_id,
            name=name,
            short_name=short_name.strip() or name,
        )
        return await repo.get(uow.session, repo.subjects, new_id)


async def list_records(*, runtime: Runtime, school_id: UUID, kind: str) -> list[Any]:
    table = {"buildings": repo.buildings, "rooms": repo.rooms, "subjects": repo.subjects}[kind]
    async with runtime.uow(school_id=school_id) as uow:
        return await repo.list_all(uow.session, table)

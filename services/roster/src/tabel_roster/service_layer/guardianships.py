"""Use cases on guardian–student links (законные представители)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any
from uuid import UUID

from tabel.roster.v1 import events_pb2
from tabel_platform.errors import Conflict, InvalidInput, NotFound
from tabel_platform.events.envelope import Actor
from tabel_platform.runtime import Runtime
from tabel_roster.adapters import people_repo
from tabel_roster.domain.events import guardianship_message
from tabel_roster.domain.people import PersonKind, Relation


@dataclass(frozen=True)
class AddGuardianship:
    school_id: UUID
    guardian_id: UUID
    student_id: UUID
    relation: Relation
    guardianship_id: UUID | None = None


async def add_guardianship(*, runtime: Runtime, command: AddGuardianship, actor: Actor) -> UUID:
    async with runtime.uow(school_id=command.school_id, actor=actor) as uow:
        people = await people_repo.get_many(uow.session, [command.guardian_id, command.student_id])
        guardian, student = people.get(command.guardian_id), people.get(command.student_id)
        if guardian is None or student is None:
            raise NotFound("roster.person_not_found", code="person_not_found")
        if PersonKind.GUARDIAN not in guardian.kinds or PersonKind.STUDENT not in student.kinds:
            raise InvalidInput("roster.guardianship_kinds", code="guardianship_kinds")
        pair = (command.guardian_id, command.student_id)
        if await people_repo.active_guardianship(uow.session, pair=pair):
            raise Conflict("roster.guardianship_exists", code="guardianship_exists")
        values: dict[str, Any] = {
            "id": command.guardianship_id or uuid.uuid4(),
            "school_id": command.school_id,
            "guardian_id": command.guardian_id,
            "student_id": command.student_id,
            "relation": int(command.relation),
        }
        await people_repo.add_guardianship(uow.session, **values)
        uow.emit(events_pb2.GuardianshipAdded(guardianship=guardianship_message(**values)))
    return UUID(str(values["id"]))


async def remove_guardianship(
    *, runtime: Runtime, school_id: UUID, guardianship_id: UUID, reason: str, actor: Actor
) -> None:
    async with runtime.uow(school_id=school_id, actor=actor) as uow:
        row = await people_repo.active_guardianship(uow.session, guardianship_id=guardianship_id)
        if row is None:
            raise NotFound("roster.guardianship_not_found", code="guardianship_not_found")
        await people_repo.end_guardianship(uow.session, guardianship_id, reason)
        message = guardianship_message(
            id=row.id,
            school_id=row.school_id,
            guardian_id=row.guardian_id,
            student_id=row.student_id,
            relation=row.relation,
        )
        uow.emit(events_pb2.GuardianshipRemoved(guardianship=message, reason=reason))


async def guardianships_of(*, runtime: Runtime, school_id: UUID, person_id: UUID) -> list[Any]:
    async with runtime.uow(school_id=school_id) as uow:
        return await people_repo.guardianships_of(uow.session, person_id)

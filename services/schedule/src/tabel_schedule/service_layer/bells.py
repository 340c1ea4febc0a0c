"""Use cases on bell schedules: one regular schedule per shift, shortened ones for some days."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date
from uuid import UUID

from tabel_platform.errors import Conflict, InvalidInput
from tabel_platform.events.envelope import Actor
from tabel_platform.runtime import Runtime
from tabel_schedule.adapters import bells_repo
from tabel_schedule.domain.bells import BellSchedule, Period, period_problems


@dataclass(frozen=True)
class CreateBellSchedule:
    name: str
    shift: int
    periods: list[Period]
    shortened: bool = False
    # For a shortened schedule: the days it replaces the regular one of its shift.
    days: list[date] = field(default_factory=list)
    bells_id: UUID | None = None


async def create_bell_schedule(
    *, runtime: Runtime, school_id: UUID, command: CreateBellSchedule, actor: Actor
) -> BellSchedule:
    problems = period_problems(command.periods)
    if command.days and not command.shortened:
        problems.append({"field": "days", "code": "days_need_shortened", "message": "days"})
    if problems:
        raise InvalidInput("schedule.bells_invalid", code="bell_schedule_invalid", errors=problems)
    bells = BellSchedule(
        id=command.bells_id or uuid.uuid4(),
        name=command.name.strip(),
        shift=command.shift,
        periods=sorted(command.periods, key=lambda p: p.number),
        shortened=command.shortened,
    )
    async with runtime.uow(school_id=school_id, actor=actor) as uow:
        existing = await bells_repo.list_all(uow.session)
        if not bells.shortened and any(
            b.shift == bells.shift and not b.shortened for b in existing
        ):
            raise Conflict("schedule.bells_invalid", code="regular_bells_exist")
        await bells_repo.add(uow.session, school_id, bells)
        await bells_repo.set_shortened_days(uow.session, school_id, bells, command.days)
    return bells


async def list_bell_schedules(*, runtime: Runtime, school_id: UUID) -> list[BellSchedule]:
    async with runtime.uow(school_id=school_id) as uow:
        return await bells_repo.list_all(uow.session)

"""Use cases on schools."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from uuid import UUID

from tabel_platform.errors import Conflict, InvalidInput, NotFound
from tabel_platform.events.envelope import Actor
from tabel_platform.runtime import Runtime
from tabel_roster.adapters import schools_repo
from tabel_roster.domain.events import school_created
from tabel_roster.domain.schools import InvalidDomain, School, normalize_domain


@dataclass(frozen=True)
class CreateSchool:
    municipality_id: UUID
    name: str
    short_name: str
    domains: list[str] = field(default_factory=list)
    time_zone: str = "Europe/Moscow"
    school_id: UUID | None = None  # given by the demo seed, so seeding is idempotent


async def create_school(*, runtime: Runtime, command: CreateSchool, actor: Actor) -> School:
    domains = _normalized_domains(command.domains)
    school = School(
        id=command.school_id or uuid.uuid4(),
        municipality_id=command.municipality_id,
        name=command.name.strip(),
        short_name=command.short_name.strip(),
        domains=domains,
        time_zone=command.time_zone,
    )
    # Domains are unique across the region, so the check spans all schools.
    async with runtime.uow(all_schools=True, actor=actor) as uow:
        taken = await schools_repo.taken_domains(uow.session, domains)
        if taken:
            raise Conflict("roster.domain_taken", code="domain_taken", domains=", ".join(taken))
        await schools_repo.add(uow.session, school)
        uow.emit(school_created(school), school_id=school.id)
    return school


async def get_school(*, runtime: Runtime, school_id: UUID) -> School:
    async with runtime.uow(school_id=school_id) as uow:
        school = await schools_repo.get(uow.session, school_id)
    if school is None:
        raise NotFound("roster.school_not_found", code="school_not_found")
    return school


def _normalized_domains(raw: list[str]) -> list[str]:
    out: list[str] = []
    bad: list[dict[str, object]] = []
    for i, value in enumerate(raw):
        try:
            domain = normalize_domain(value)
        except InvalidDomain:
            bad.append({"field": f"domains.{i}", "code": "invalid_domain", "message": value})
            continue
        if domain not in out:
            out.append(domain)
    if bad:
        raise InvalidInput("roster.invalid_domain", code="invalid_domain", errors=bad)
    return out

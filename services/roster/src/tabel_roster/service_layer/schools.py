"""Use cases on schools: onboarding, settings, domains, host resolution."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, fields, replace
from uuid import UUID

from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from tabel_platform.errors import Conflict, InvalidInput, NotFound
from tabel_platform.events.envelope import Actor
from tabel_platform.runtime import Runtime
from tabel_roster.adapters import schools_repo
from tabel_roster.domain.events import school_created, school_updated
from tabel_roster.domain.schools import (
    InvalidDomain,
    InvalidSetting,
    School,
    normalize_domain,
)


@dataclass(frozen=True)
class CreateSchool:
    municipality_id: UUID
    name: str
    short_name: str
    domains: list[str] = field(default_factory=list)
    time_zone: str = "Europe/Moscow"
    school_id: UUID | None = None  # given by the demo seed, so seeding is idempotent


@dataclass(frozen=True)
class UpdateSchool:
    """Only the fields that are not None change. `domains`: the whole list, primary first."""

    school_id: UUID
    name: str | None = None
    short_name: str | None = None
    domains: list[str] | None = None
    time_zone: str | None = None
    grade_levels: list[int] | None = None
    school_week_days: int | None = None
    grading_scale: int | None = None


async def create_school(
    *,
    runtime: Runtime,
    command: CreateSchool,
    actor: Actor,
    require_municipality: bool = False,
) -> School:
    """`require_municipality`: the region operator's path refuses an unregistered municipality;
    internal callers (tests of other flows) may reference one not registered yet."""
    school = School(
        id=command.school_id or uuid.uuid4(),
        municipality_id=command.municipality_id,
        name=command.name.strip(),
        short_name=command.short_name.strip(),
        domains=_normalized_domains(command.domains),
        time_zone=command.time_zone,
    )
    _check_settings(school)
    # Domains are unique across the region, so the check spans all schools.
    async with runtime.uow(all_schools=True, actor=actor) as uow:
        if require_municipality and not await schools_repo.get_municipality(
            uow.session, school.municipality_id
        ):
            raise NotFound("roster.municipality_not_found", code="municipality_not_found")
        await _ensure_domains_free(uow.session, school)
        with _domain_race():
            await schools_repo.add(uow.session, school)
        uow.emit(school_created(school), school_id=school.id)
    return school


async def update_school(*, runtime: Runtime, command: UpdateSchool, actor: Actor) -> School:
    async with runtime.uow(all_schools=True, actor=actor) as uow:
        before = await schools_repo.get(uow.session, command.school_id, lock=True)
        if before is None:
            raise NotFound("roster.school_not_found", code="school_not_found")
        changes = {
            f.name: getattr(command, f.name)
            for f in fields(command)
            if f.name != "school_id" and getattr(command, f.name) is not None
        }
        if "domains" in changes:
            changes["domains"] = _normalized_domains(changes["domains"])
        after = replace(before, **changes)
        _check_settings(after)
        changed = [k for k, v in changes.items() if getattr(before, k) != v]
        if not changed:
            return before
        await _ensure_domains_free(uow.session, after)
        with _domain_race():
            await schools_repo.update_school(uow.session, after)
        uow.emit(school_updated(after, changed), school_id=after.id)
    return after


async def get_school(*, runtime: Runtime, school_id: UUID) -> School:
    async with runtime.uow(school_id=school_id) as uow:
        school = await schools_repo.get(uow.session, school_id)
    if school is None:
        raise NotFound("roster.school_not_found", code="school_not_found")
    return school


async def list_schools(*, runtime: Runtime, municipality_id: UUID | None = None) -> list[School]:
    async with runtime.uow(all_schools=True) as uow:
        return await schools_repo.list_schools(uow.session, municipality_id)


async def resolve_host(*, runtime: Runtime, host: str) -> School:
    """The school served at `host` (as sent in the Host header, a port is ignored)."""
    try:
        domain = normalize_domain(host)
    except InvalidDomain as exc:
        raise InvalidInput("roster.invalid_domain", code="invalid_domain") from exc
    async with runtime.uow(all_schools=True) as uow:
        school = await schools_repo.by_domain(uow.session, domain)
    if school is None:
        raise NotFound("error.school_unknown", code="school_unknown")
    return school


async def _ensure_domains_free(session: AsyncSession, school: School) -> None:
    taken = await schools_repo.taken_domains(session, school.domains, except_school=school.id)
    if taken:
        raise Conflict("roster.domain_taken", code="domain_taken", domains=", ".join(taken))


@contextmanager
def _domain_race() -> Iterator[None]:
    """Two requests claiming one domain at once: the loser gets 409, not 500."""
    try:
        yield
    except IntegrityError as exc:
        raise Conflict("roster.domain_taken", code="domain_taken", domains="") from exc


def _check_settings(school: School) -> None:
    try:
        school.check_settings()
    except InvalidSetting as exc:
        raise InvalidInput(
            "roster.invalid_setting",
            code="invalid_setting",
            errors=[{"field": exc.field, "code": "invalid", "message": exc.field}],
        ) from exc


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

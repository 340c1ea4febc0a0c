"""Use cases on the academic calendar: years, their term systems per grade level, holidays."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date
from uuid import UUID

from tabel_platform.errors import Conflict, InvalidInput, NotFound
from tabel_platform.events.envelope import Actor
from tabel_platform.runtime import Runtime
from tabel_schedule.adapters import calendar_repo
from tabel_schedule.domain.calendar import AcademicYear, Holiday, Term, TermKind, year_problems
from tabel_schedule.domain.events import academic_year_created


@dataclass(frozen=True)
class TermSystem:
    """One kind of terms for some grade levels, e.g. quarters for grades 1..9."""

    kind: TermKind
    grade_levels: list[int]
    # (starts_on, ends_on) of each term, in order.
    terms: list[tuple[date, date]]


@dataclass(frozen=True)
class HolidaySpan:
    name: str
    starts_on: date
    ends_on: date
    grade_levels: list[int] = field(default_factory=list)


@dataclass(frozen=True)
class CreateAcademicYear:
    start_year: int
    starts_on: date
    ends_on: date
    term_systems: list[TermSystem]
    holidays: list[HolidaySpan] = field(default_factory=list)
    time_zone: str = "Europe/Moscow"
    year_id: UUID | None = None  # given by the demo seed


def build_year(school_id: UUID, command: CreateAcademicYear) -> AcademicYear:
    year_id = command.year_id or uuid.uuid4()
    terms = [
        Term(
            id=uuid.uuid5(year_id, f"{system.kind}/{min(system.grade_levels or [0])}/{n}"),
            kind=system.kind,
            number=n,
            grade_levels=tuple(sorted(set(system.grade_levels))),
            starts_on=starts,
            ends_on=ends,
        )
        for system in command.term_systems
        for n, (starts, ends) in enumerate(system.terms, start=1)
    ]
    holidays = [
        Holiday(
            uuid.uuid5(year_id, f"holiday/{i}"),
            h.name.strip(),
            h.starts_on,
            h.ends_on,
            tuple(sorted(set(h.grade_levels))),
        )
        for i, h in enumerate(command.holidays)
    ]
    return AcademicYear(
        id=year_id,
        school_id=school_id,
        start_year=command.start_year,
        starts_on=command.starts_on,
        ends_on=command.ends_on,
        time_zone=command.time_zone,
        terms=terms,
        holidays=holidays,
    )


async def create_academic_year(
    *, runtime: Runtime, school_id: UUID, command: CreateAcademicYear, actor: Actor
) -> AcademicYear:
    year = build_year(school_id, command)
    problems = year_problems(year)
    for system in command.term_systems:
        if len(system.terms) != system.kind.term_count:
            problems.append(
                {"field": "term_systems", "code": "term_count", "message": system.kind.value}
            )
    if problems:
        raise InvalidInput("schedule.year_invalid", code="academic_year_invalid", errors=problems)
    async with runtime.uow(school_id=school_id, actor=actor) as uow:
        if await calendar_repo.exists(uow.session, year.start_year):
            raise Conflict("schedule.year_exists", code="academic_year_exists", name=year.name)
        await calendar_repo.add(uow.session, year)
        uow.emit(academic_year_created(year))
    return year


async def get_academic_year(*, runtime: Runtime, school_id: UUID, year_id: UUID) -> AcademicYear:
    async with runtime.uow(school_id=school_id) as uow:
        year = await calendar_repo.get(uow.session, year_id)
    if year is None:
        raise NotFound("schedule.year_not_found", code="academic_year_not_found")
    return year


async def list_academic_years(*, runtime: Runtime, school_id: UUID) -> list[AcademicYear]:
    async with runtime.uow(school_id=school_id) as uow:
        return await calendar_repo.list_all(uow.session)

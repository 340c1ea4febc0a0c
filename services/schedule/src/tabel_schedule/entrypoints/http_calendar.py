"""REST: academic years with their term systems and holidays."""

from __future__ import annotations

from datetime import date
from typing import Self
from uuid import UUID

from fastapi import APIRouter, status
from pydantic import BaseModel, Field, model_validator

from tabel_platform.http.security import CurrentPrincipal, CurrentSchool
from tabel_platform.i18n import translate
from tabel_platform.runtime import CurrentRuntime
from tabel_schedule.access import Action, authorize
from tabel_schedule.domain.calendar import AcademicYear, TermKind
from tabel_schedule.entrypoints.caller import CurrentFacts
from tabel_schedule.entrypoints.http_terms import TermRead
from tabel_schedule.service_layer import calendar as use_cases


class Span(BaseModel):
    starts_on: date
    ends_on: date

    @model_validator(mode="after")
    def _ordered(self) -> Self:
        if self.ends_on < self.starts_on:
            raise ValueError(translate("schedule.span_reversed"))
        return self


class TermSystemCreate(BaseModel):
    kind: TermKind
    grade_levels: list[int] = Field(min_length=1, max_length=11)
    terms: list[Span] = Field(min_length=2, max_length=4)


class HolidayCreate(Span):
    name: str = Field(min_length=1, max_length=200)
    grade_levels: list[int] = Field(default_factory=list, max_length=11)


class AcademicYearCreate(BaseModel):
    start_year: int = Field(ge=2000, le=2100)
    starts_on: date
    ends_on: date
    time_zone: str = Field(default="Europe/Moscow", max_length=64)
    term_systems: list[TermSystemCreate] = Field(min_length=1, max_length=5)
    holidays: list[HolidayCreate] = Field(default_factory=list, max_length=50)


class AcademicYearRead(BaseModel):
    id: UUID
    name: str
    start_year: int
    starts_on: date
    ends_on: date
    time_zone: str
    terms: list[TermRead]
    holidays: list[HolidayCreate]

    @classmethod
    def of(cls, y: AcademicYear) -> AcademicYearRead:
        return cls(
            id=y.id,
            name=y.name,
            start_year=y.start_year,
            starts_on=y.starts_on,
            ends_on=y.ends_on,
            time_zone=y.time_zone,
            terms=[TermRead.of(t, y.id) for t in y.terms],
            holidays=[
                HolidayCreate(
                    name=h.name,
                    starts_on=h.starts_on,
                    ends_on=h.ends_on,
                    grade_levels=list(h.grade_levels),
                )
                for h in y.holidays
            ],
        )


router = APIRouter(prefix="/v1/academic-years", tags=["calendar"])


@router.post("", status_code=status.HTTP_201_CREATED, response_model=AcademicYearRead)
async def create_academic_year(
    body: AcademicYearCreate,
    principal: CurrentPrincipal,
    facts: CurrentFacts,
    school: CurrentSchool,
    runtime: CurrentRuntime,
) -> AcademicYearRead:
    """Create an academic year with its term systems per grade level and holidays."""
    authorize(facts, Action.MANAGE)
    command = use_cases.CreateAcademicYear(
        start_year=body.start_year,
        starts_on=body.starts_on,
        ends_on=body.ends_on,
        time_zone=body.time_zone,
        term_systems=[
            use_cases.TermSystem(
                s.kind, s.grade_levels, [(t.starts_on, t.ends_on) for t in s.terms]
            )
            for s in body.term_systems
        ],
        holidays=[
            use_cases.HolidaySpan(h.name, h.starts_on, h.ends_on, h.grade_levels)
            for h in body.holidays
        ],
    )
    year = await use_cases.create_academic_year(
        runtime=runtime, school_id=school, command=command, actor=principal.actor()
    )
    return AcademicYearRead.of(year)


@router.get("", response_model=list[AcademicYearRead])
async def list_academic_years(
    principal: CurrentPrincipal, facts: CurrentFacts, school: CurrentSchool, runtime: CurrentRuntime
) -> list[AcademicYearRead]:
    """The school's academic years (anyone of the school)."""
    authorize(facts, Action.VIEW_CLASS)
    years = await use_cases.list_academic_years(runtime=runtime, school_id=school)
    return [AcademicYearRead.of(y) for y in years]

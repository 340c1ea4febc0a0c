"""The demo school's calendar: year 2026/2027 with quarters for grades 1–9 and half-years for
10–11, holidays, the bells of the 1st shift and two shortened days."""

from __future__ import annotations

from datetime import date, time

from tabel_platform.demo import demo_id
from tabel_platform.events.envelope import Actor
from tabel_platform.runtime import Runtime
from tabel_schedule.domain.bells import Period
from tabel_schedule.domain.calendar import TermKind
from tabel_schedule.service_layer import bells, calendar

SCHOOL = demo_id("school/1")
YEAR = demo_id("school/1/year/2026")
D = date
QUARTERS = [
    (D(2026, 9, 1), D(2026, 10, 24)),
    (D(2026, 11, 5), D(2026, 12, 28)),
    (D(2027, 1, 12), D(2027, 3, 20)),
    (D(2027, 3, 30), D(2027, 5, 26)),
]
HALVES = [(D(2026, 9, 1), D(2026, 12, 28)), (D(2027, 1, 12), D(2027, 5, 26))]
HOLIDAYS = [
    ("Осенние каникулы", D(2026, 10, 25), D(2026, 11, 4)),
    ("Зимние каникулы", D(2026, 12, 29), D(2027, 1, 11)),
    ("День защитника Отечества", D(2027, 2, 23), D(2027, 2, 23)),
    ("Международный женский день", D(2027, 3, 8), D(2027, 3, 8)),
    ("Весенние каникулы", D(2027, 3, 21), D(2027, 3, 29)),
    ("Праздник Весны и Труда", D(2027, 5, 1), D(2027, 5, 3)),
    ("День Победы", D(2027, 5, 9), D(2027, 5, 10)),
]
BELLS = [(8, 30), (9, 25), (10, 30), (11, 35), (12, 30), (13, 25), (14, 20)]
SHORT_DAYS = [D(2026, 12, 28), D(2027, 5, 26)]


def _periods(minutes: int) -> list[Period]:
    out = []
    for n, (h, m) in enumerate(BELLS, start=1):
        end = h * 60 + m + minutes
        out.append(Period(n, time(h, m), time(end // 60, end % 60)))
    return out


async def seed_calendar(runtime: Runtime, actor: Actor) -> None:
    await calendar.create_academic_year(
        runtime=runtime,
        school_id=SCHOOL,
        actor=actor,
        command=calendar.CreateAcademicYear(
            start_year=2026,
            starts_on=D(2026, 9, 1),
            ends_on=D(2027, 5, 31),
            year_id=YEAR,
            term_systems=[
                calendar.TermSystem(TermKind.QUARTER, list(range(1, 10)), QUARTERS),
                calendar.TermSystem(TermKind.HALF_YEAR, [10, 11], HALVES),
            ],
            holidays=[calendar.HolidaySpan(n, a, b) for n, a, b in HOLIDAYS],
        ),
    )
    await bells.create_bell_schedule(
        runtime=runtime,
        school_id=SCHOOL,
        actor=actor,
        command=bells.CreateBellSchedule(
            "Основное, 1-я смена", 1, _periods(45), bells_id=demo_id("school/1/bells/1")
        ),
    )
    await bells.create_bell_schedule(
        runtime=runtime,
        school_id=SCHOOL,
        actor=actor,
        command=bells.CreateBellSchedule(
            "Сокращённые уроки",
            1,
            _periods(30),
            shortened=True,
            days=SHORT_DAYS,
            bells_id=demo_id("school/1/bells/short"),
        ),
    )

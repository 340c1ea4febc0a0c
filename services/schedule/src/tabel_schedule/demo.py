"""The demo region's schedule part for Школа № 1: year 2026/2027 (quarters for 1–9,
half-years for 10–11), holidays, bells, rooms, subjects, load, a timetable for 5А, 5Б and
10А, and the year's lessons. Fixed ids, so running the seed again changes nothing."""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta

from tabel_platform.events.envelope import Actor
from tabel_platform.runtime import Runtime
from tabel_schedule import demo_plan as plan
from tabel_schedule.adapters import calendar_repo
from tabel_schedule.demo_calendar import BELLS, HOLIDAYS, SCHOOL, YEAR, seed_calendar
from tabel_schedule.demo_curriculum import seed_curriculum
from tabel_schedule.demo_people import mother, seed_people, student
from tabel_schedule.service_layer import materialise


async def seed_demo(runtime: Runtime) -> list[str]:
    actor = Actor.system()
    async with runtime.uow(school_id=SCHOOL) as uow:
        if await calendar_repo.exists(uow.session, 2026):
            return ["schedule: Школа № 1 — расписание на 2026/2027 уже есть"]
    await seed_people(runtime)
    await seed_calendar(runtime, actor)
    slots, loads = await seed_curriculum(runtime, actor)
    report = await materialise.materialise_year(
        runtime=runtime, school_id=SCHOOL, academic_year_id=YEAR, actor=actor
    )
    per_class = Counter(
        c
        for s in slots
        for c in s.class_names
        if not s.groups or s.groups[0] == plan.group_id(c, 1)
    )
    class_5a = plan.class_id("5А")
    return [
        "schedule: Школа № 1 — учебный год 2026/2027: "
        "четверти для 1–9 классов, полугодия для 10–11",
        f"schedule: каникулы и праздники: {len(HOLIDAYS)}; звонки 1-й смены — {len(BELLS)} уроков, "
        "сокращённые дни 28.12.2026 и 26.05.2027",
        f"schedule: кабинетов {len(plan.ROOMS)}, предметов {len(plan.SUBJECTS)}, "
        f"записей учебной нагрузки {loads}",
        "schedule: расписание "
        + ", ".join(f"{c} — {n} ур./нед." for c, n in per_class.items())
        + " (английский по группам в двух кабинетах, поточная физкультура 5А+5Б, "
        "у 10А в пятницу 6-м уроком информатика по неделям А и физика по неделям Б)",
        f"schedule: уроков на год создано: {report.created}",
        f"schedule: неделя 5А: GET /v1/weeks?date={this_monday()}&class_id={class_5a} "
        f"(заголовок X-Tabel-School: {SCHOOL})",
        f"schedule: права (проекция выдач identity): завуч {plan.teacher(2)} составляет "
        f"расписание и замены, директор {plan.teacher(1)} закрывает четверти: "
        "POST /v1/terms/{id}/close; учителя 1–7 видят расписания друг друга",
        f"schedule: мама ученицы 5А № 1 ({mother('5А', 1)}) видит неделю своего ребёнка: "
        f"GET /v1/weeks?date={this_monday()}&student_id={student('5А', 1)}",
    ]


def this_monday() -> str:
    today = date.today()
    return (today - timedelta(days=today.weekday())).isoformat()

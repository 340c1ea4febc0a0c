"""The demo region's schedule part for Школа № 1: year 2026/2027 (quarters for 1–9,
half-years for 10–11), holidays, bells, rooms, subjects, load, a timetable for 5А, 5Б and
10А, and the year's lessons. Fixed ids, so running the seed again changes nothing."""

from __future__ import annotations

from collections import Counter, defaultdict
from datetime import date, time
from uuid import UUID

from tabel_platform.demo import demo_id
from tabel_platform.events.envelope import Actor
from tabel_platform.runtime import Runtime
from tabel_schedule import demo_plan as plan
from tabel_schedule.adapters import calendar_repo, projections_repo
from tabel_schedule.adapters.tables import classes, memberships, study_groups
from tabel_schedule.domain.bells import Period
from tabel_schedule.domain.calendar import TermKind
from tabel_schedule.domain.timetable import Weeks
from tabel_schedule.service_layer import assignments, bells, calendar, materialise, places
from tabel_schedule.service_layer.timetable import (
    AddTimetableEntries,
    EntrySpec,
    add_timetable_entries,
)

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
STUDENTS_PER_CLASS = 4


async def seed_demo(runtime: Runtime) -> list[str]:
    actor = Actor.system()
    async with runtime.uow(school_id=SCHOOL) as uow:
        if await calendar_repo.exists(uow.session, 2026):
            return ["schedule: Школа № 1 — расписание на 2026/2027 уже есть"]
    await _projections(runtime)
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
    periods = [
        Period(n, time(h, m), time(h, m + 45) if m < 15 else time(h + 1, m - 15))
        for n, (h, m) in enumerate(BELLS, start=1)
    ]
    short = [
        Period(n, time(h, m), time(h, m + 30) if m < 30 else time(h + 1, m - 30))
        for n, (h, m) in enumerate(BELLS, start=1)
    ]
    await bells.create_bell_schedule(
        runtime=runtime,
        school_id=SCHOOL,
        actor=actor,
        command=bells.CreateBellSchedule(
            "Основное, 1-я смена", 1, periods, bells_id=demo_id("school/1/bells/1")
        ),
    )
    await bells.create_bell_schedule(
        runtime=runtime,
        school_id=SCHOOL,
        actor=actor,
        command=bells.CreateBellSchedule(
            "Сокращённые уроки",
            1,
            short,
            shortened=True,
            days=SHORT_DAYS,
            bells_id=demo_id("school/1/bells/short"),
        ),
    )
    building = demo_id("school/1/building/1")
    await places.create_building(
        runtime=runtime,
        school_id=SCHOOL,
        name="Основное здание",
        address="ул. Школьная, 1",
        actor=actor,
        building_id=building,
    )
    for room in plan.ROOMS:
        await places.create_room(
            runtime=runtime,
            school_id=SCHOOL,
            building_id=building,
            name=room,
            capacity=30,
            actor=actor,
            room_id=plan.room_id(room),
        )
    for name, short_name in plan.SUBJECTS.items():
        await places.create_subject(
            runtime=runtime,
            school_id=SCHOOL,
            name=name,
            short_name=short_name,
            actor=actor,
            subject_id=plan.subject_id(name),
        )
    slots = plan.weekly_plan()
    loads: dict[tuple[str, int, tuple[str, ...], tuple[UUID, ...]], float] = defaultdict(float)
    for slot in slots:  # a lesson every other week (неделя А/Б) is half an hour a week
        key = (slot.subject, slot.teacher, tuple(slot.class_names), tuple(slot.groups))
        loads[key] += 1.0 if slot.weeks is Weeks.EVERY else 0.5
    for (subject, teacher, class_names, groups), hours in loads.items():
        for class_name in class_names:
            await assignments.add_teaching_assignment(
                runtime=runtime,
                school_id=SCHOOL,
                actor=actor,
                command=assignments.AddTeachingAssignment(
                    academic_year_id=YEAR,
                    teacher_id=plan.teacher(teacher),
                    subject_id=plan.subject_id(subject),
                    class_id=plan.class_id(class_name),
                    study_group_id=groups[0] if groups else None,
                    weekly_hours=hours,
                    assignment_id=demo_id(
                        f"school/1/load/{subject}/{teacher}/{class_name}/{groups}"
                    ),
                ),
            )
    await add_timetable_entries(
        runtime=runtime,
        school_id=SCHOOL,
        actor=actor,
        command=AddTimetableEntries(
            YEAR,
            [
                EntrySpec(
                    weekday=s.weekday,
                    period=s.period,
                    subject_id=plan.subject_id(s.subject),
                    teacher_id=plan.teacher(s.teacher),
                    class_ids=[plan.class_id(c) for c in s.class_names],
                    study_group_ids=s.groups,
                    room_id=plan.room_id(s.room),
                    weeks=s.weeks,
                    entry_id=demo_id(
                        f"school/1/entry/{s.weekday}/{s.period}/{s.class_names}/{s.groups}/{s.weeks}"
                    ),
                )
                for s in slots
            ],
        ),
    )
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
        f"записей учебной нагрузки {len(loads)}",
        "schedule: расписание "
        + ", ".join(f"{c} — {n} ур./нед." for c, n in per_class.items())
        + " (английский по группам в двух кабинетах, поточная физкультура 5А+5Б, "
        "у 10А в пятницу 6-м уроком информатика по неделям А и физика по неделям Б)",
        f"schedule: уроков на год создано: {report.created}",
        f"schedule: неделя 5А: GET /v1/weeks?date=2026-11-23&class_id={class_5a} "
        f"(заголовок X-Tabel-School: {SCHOOL}, роль school_admin)",
    ]


async def _projections(runtime: Runtime) -> None:
    """Classes, groups and students as roster's events will bring them (same ids)."""
    async with runtime.uow(school_id=SCHOOL) as uow:
        s = uow.session
        for name, grade in plan.CLASSES.items():
            cid = plan.class_id(name)
            await projections_repo.upsert(
                s, classes, id=cid, school_id=SCHOOL, name=name, grade_level=grade
            )
            for n in (1, 2):
                gid = plan.group_id(name, n)
                await projections_repo.upsert(
                    s,
                    study_groups,
                    id=gid,
                    school_id=SCHOOL,
                    class_id=cid,
                    name=f"{name} англ. гр. {n}",
                )
            for k in range(1, STUDENTS_PER_CLASS + 1):
                student = demo_id(f"school/1/person/student/{name}/{k}")
                for unit, column in (
                    (cid, "class_id"),
                    (plan.group_id(name, 1 + k % 2), "study_group_id"),
                ):
                    await projections_repo.upsert(
                        s,
                        memberships,
                        id=demo_id(f"school/1/membership/{student}/{unit}"),
                        school_id=SCHOOL,
                        person_id=student,
                        starts_on=D(2026, 9, 1),
                        ends_on=None,
                        **{column: unit},
                    )

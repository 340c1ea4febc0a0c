"""The demo school's places, subjects, teaching load and weekly timetable (from demo_plan)."""

from __future__ import annotations

from collections import defaultdict
from uuid import UUID

from tabel_platform.demo import demo_id
from tabel_platform.events.envelope import Actor
from tabel_platform.runtime import Runtime
from tabel_schedule import demo_plan as plan
from tabel_schedule.demo_calendar import SCHOOL, YEAR
from tabel_schedule.domain.timetable import Weeks
from tabel_schedule.service_layer import assignments, places
from tabel_schedule.service_layer.timetable import (
    AddTimetableEntries,
    EntrySpec,
    add_timetable_entries,
)


async def seed_curriculum(runtime: Runtime, actor: Actor) -> tuple[list[plan.Slot], int]:
    """Rooms, subjects, load and timetable; the week's slots and the number of load records."""
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
    return slots, len(loads)

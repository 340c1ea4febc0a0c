"""The demo school's people as roster's events will bring them (same ids, see roster's demo):
classes and their English groups, students and memberships, staff, guardianships; and the
role grants identity will give them (until identity's demo seeds school accounts)."""

from __future__ import annotations

from datetime import date
from uuid import UUID

from sqlalchemy.ext.asyncio import AsyncSession

from tabel_platform.demo import demo_id
from tabel_platform.runtime import Runtime
from tabel_schedule import demo_plan as plan
from tabel_schedule.adapters.projection_tables import (
    classes,
    grants,
    guardianships,
    memberships,
    people,
    study_groups,
)
from tabel_schedule.adapters.projections_repo import upsert
from tabel_schedule.demo_calendar import SCHOOL

STUDENTS_PER_CLASS = 4
# Roster's demo staff: teacher/1 is the director, /2 the deputy, /8 the secretary.
STAFF = [
    ("Кузнецова", "Галина", "Ивановна", ["director", "teacher"]),
    ("Орлов", "Виктор", "Павлович", ["deputy_director", "teacher"]),
    ("Белова", "Анна", "Сергеевна", ["teacher"]),
    ("Громов", "Илья", "Андреевич", ["teacher"]),
    ("Зимина", "Ольга", "Николаевна", ["teacher"]),
    ("Лосева", "Марина", "Игоревна", ["teacher", "tutor"]),
    ("Титов", "Алексей", "Олегович", ["teacher"]),
    ("Ершова", "Наталья", "Владимировна", ["secretary"]),
]


def student(class_name: str, k: int) -> UUID:
    return demo_id(f"school/1/person/student/{class_name}/{k}")


def mother(class_name: str, k: int) -> UUID:
    return demo_id(f"school/1/person/guardian/{class_name}/{k}/1")


async def _person(
    s: AsyncSession, person_id: UUID, kind: str, names: tuple[str, str, str] = ("", "", "")
) -> None:
    positions = next((p for *n, p in STAFF if tuple(n) == names), [])
    last, first, middle = names
    await upsert(
        s, people, id=person_id, school_id=SCHOOL, kinds=[kind], positions=positions,
        last_name=last, first_name=first, middle_name=middle,
    )  # fmt: skip


async def _grant(s: AsyncSession, person_id: UUID, role: str) -> None:
    await upsert(
        s, grants, id=demo_id(f"school/1/schedule-grant/{person_id}/{role}"), school_id=SCHOOL,
        person_id=person_id, role=role, scope_kind="", scope_id=None, expires_at=None,
    )  # fmt: skip


def staff_roles(n: int) -> list[str]:
    """teacher/1 directs, teacher/2 is the deputy who composes the timetable; 1..7 teach."""
    return {1: ["director", "teacher"], 2: ["deputy_director", "teacher"], 8: []}.get(
        n, ["teacher"]
    )


async def _student(s: AsyncSession, class_name: str, class_id: UUID, k: int) -> None:
    """A student in the class and one of its two English groups, with their mother."""
    who = student(class_name, k)
    await _person(s, who, "student")
    await _person(s, mother(class_name, k), "guardian")
    await _grant(s, who, "student")
    await _grant(s, mother(class_name, k), "guardian")
    await upsert(
        s, guardianships, id=demo_id(f"school/1/guardianship/{class_name}/{k}/1"),
        school_id=SCHOOL, guardian_id=mother(class_name, k), student_id=who,
    )  # fmt: skip
    for unit, column in (
        (class_id, "class_id"),
        (plan.group_id(class_name, 1 + k % 2), "study_group_id"),
    ):
        await upsert(
            s, memberships, id=demo_id(f"school/1/membership/{who}/{unit}"), school_id=SCHOOL,
            person_id=who, starts_on=date(2026, 9, 1), ends_on=None, **{column: unit},
        )  # fmt: skip


async def seed_people(runtime: Runtime) -> None:
    async with runtime.uow(school_id=SCHOOL) as uow:
        s = uow.session
        for n, (last, first, middle, _) in enumerate(STAFF, start=1):
            await _person(s, plan.teacher(n), "staff", (last, first, middle))
            for role in staff_roles(n):
                await _grant(s, plan.teacher(n), role)
        for name, grade in plan.CLASSES.items():
            cid = plan.class_id(name)
            await upsert(s, classes, id=cid, school_id=SCHOOL, name=name, grade_level=grade)
            for n in (1, 2):
                group = f"{name} англ. гр. {n}"
                await upsert(
                    s, study_groups, id=plan.group_id(name, n), school_id=SCHOOL,
                    class_id=cid, name=group,
                )  # fmt: skip
            for k in range(1, STUDENTS_PER_CLASS + 1):
                await _student(s, name, cid, k)

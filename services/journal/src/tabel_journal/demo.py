"""The demo region's journal: 5А of school 1 with a week of maths marks, attendance and
homework in schedule's lessons (demo_week.py picks them).

The journal's projections are normally fed by identity, roster and schedule events; the
seed also writes the access rows it needs itself (idempotent upserts with the shared demo
ids), so the journal can be tried even before identity and roster have published anything.
"""

from __future__ import annotations

import contextlib
from datetime import date
from uuid import UUID

from tabel_journal.adapters import projections as p
from tabel_journal.demo_week import CLASS, MATH, OWN_TERM, SCHOOL, TEACHER, DemoWeek, demo_week
from tabel_journal.service_layer import homework_assignment, homework_command, submission_handing_in
from tabel_journal.service_layer.lesson_journal import (
    AttendanceInput,
    MarkInput,
    SaveLessonJournal,
    save_lesson_journal,
)
from tabel_platform.auth.principal import Principal
from tabel_platform.demo import demo_id
from tabel_platform.errors import PreconditionFailed
from tabel_platform.runtime import Runtime

__all__ = [
    "CLASS", "DIRECTOR", "GUARDIANS", "MATH", "OWN_TERM", "SCHOOL", "STUDENTS", "TEACHER",
    "seed_demo",
]  # fmt: skip

STUDENTS = [demo_id(f"school/1/person/student/5А/{n}") for n in range(1, 26)]
# Roster's demo people: teacher/3 teaches maths and leads 5А, teacher/1 is the director,
# guardian/5А/<n>/1 is a student's first guardian.
GUARDIANS = [demo_id(f"school/1/person/guardian/5А/{n}/1") for n in range(1, 26)]
DIRECTOR = demo_id("school/1/person/teacher/1")
VALUES = ["5", "4", "4", "3", "5", "2", "4"]


async def seed_demo(runtime: Runtime) -> list[str]:
    today = date.today()
    async with runtime.uow(school_id=SCHOOL) as uow:
        s = uow.session
        await p.upsert(
            s,
            "classes",
            ("school_id", "class_id"),
            {"school_id": SCHOOL, "class_id": CLASS, "name": "5А", "grade_level": 5},
        )
        await p.upsert(
            s,
            "class_teachers",
            ("school_id", "class_id"),
            {"school_id": SCHOOL, "class_id": CLASS, "teacher_id": TEACHER},
        )
        await p.upsert(
            s,
            "teaching_assignments",
            ("school_id", "assignment_id"),
            {
                "school_id": SCHOOL,
                "assignment_id": demo_id("school/1/assignment/5А/math"),
                "teacher_id": TEACHER,
                "subject_id": MATH,
                "class_id": CLASS,
                "study_group_id": None,
            },
        )
        grants = [(TEACHER, "teacher"), (DIRECTOR, "director")]
        for n, (student, guardian) in enumerate(zip(STUDENTS, GUARDIANS, strict=True), 1):
            grants += [(student, "student"), (guardian, "guardian")]
            await p.upsert(
                s,
                "memberships",
                ("school_id", "membership_id"),
                {
                    "school_id": SCHOOL,
                    "membership_id": demo_id(f"school/1/membership/5А/{n}"),
                    "person_id": student,
                    "class_id": CLASS,
                    "study_group_id": None,
                    "starts_on": date(today.year - 1, 9, 1),
                    "ends_on": None,
                },
            )
            await p.upsert(
                s,
                "guardianships",
                ("school_id", "guardianship_id"),
                {
                    "school_id": SCHOOL,
                    "guardianship_id": demo_id(f"school/1/guardianship/5А/{n}"),
                    "guardian_id": guardian,
                    "student_id": student,
                },
            )
        for person, role in grants:
            await p.upsert(
                s,
                "grants",
                ("school_id", "grant_id"),
                {
                    "school_id": SCHOOL,
                    "grant_id": demo_id(f"school/1/journal-grant/{person}/{role}"),
                    "person_id": person,
                    "role": role,
                    "scope_kind": "",
                    "scope_id": None,
                    "expires_at": None,
                },
            )
        week = await demo_week(s, today)
    teacher = Principal(subject="demo-seed", issuer="demo", person_id=TEACHER)
    for i, lesson in enumerate(week.marked):
        command = SaveLessonJournal(
            lesson_id=lesson,
            topic=f"Обыкновенные дроби, урок {i + 1}",
            work_types=["oral"],
            marks=[
                MarkInput(
                    id=demo_id(f"school/1/mark/{lesson}/{n}"),
                    student_id=st,
                    value=VALUES[(n + i) % 7],
                    work_type="test" if i == 2 else "oral",
                )
                for n, st in enumerate(STUDENTS)
                if (n + i) % 3 == 0
            ],
            attendance=[
                AttendanceInput(student_id=STUDENTS[(i * 5) % 25], status="ill", reason="справка")
            ],
            attendance_taken=True,
        )
        await save_lesson_journal(
            runtime=runtime,
            school_id=SCHOOL,
            principal=teacher,
            command=command,
            idempotency_key=f"demo-{lesson}",
            request_payload={"demo": str(lesson)},
        )
    homework_id = await seed_homework(runtime, teacher, week)
    return [
        f"journal: 5А школы № 1 — {lessons_phrase(week)}: отметки, посещаемость, темы внесены",
        f"journal: дневник ученика: GET /v1/journal/diary/{STUDENTS[0]}/week "
        f"(ученик {STUDENTS[0]}, родитель {GUARDIANS[0]})",
        f"journal: итоги четверти в дневнике: GET /v1/journal/diary/{STUDENTS[0]}/terms/"
        f"{week.term_id}",
        f"journal: журнал урока: GET /v1/journal/lessons/{week.marked[0]}/journal "
        f"(учитель {TEACHER}); история изменений: …/lessons/{week.marked[0]}/history",
        f"journal: домашние задания ученика: GET /v1/journal/diary/{STUDENTS[0]}/homework; "
        f"сдачи по заданию: GET /v1/journal/homework/{homework_id}/submissions (учитель)",
        "journal: класс, членство, родители и права 5А записаны и самим журналом — дневник "
        "работает, даже пока identity и roster не опубликовали свои события",
    ]


def lessons_phrase(week: DemoWeek) -> str:
    n = len(week.marked)
    if week.from_schedule:
        return f"уроков математики по расписанию за неделю: {n}"
    return f"уроков математики: {n} (расписание не получено, уроки созданы самим журналом)"


async def seed_homework(runtime: Runtime, teacher: Principal, week: DemoWeek) -> UUID:
    """Class-wide homework at the first lesson (handed in by the first student) and an
    individual one for the second student, both due at the next day's lesson."""
    lesson = week.marked[0]
    first = demo_id(f"school/1/homework/{lesson}")
    given = [
        (first, lesson, "class_wide", [], "№ 245, 247; решение сфотографировать"),
        (demo_id(f"school/1/homework/{lesson}/2"), lesson, "individual",
         [STUDENTS[1]], "Карточка с задачами на дроби (индивидуально)"),
    ]  # fmt: skip
    for homework_id, lesson, scope, students, task in given:
        await homework_assignment.assign_homework(
            runtime=runtime,
            school_id=SCHOOL,
            principal=teacher,
            command=homework_command.AssignHomework(
                lesson_id=lesson,
                homework_id=homework_id,
                text=task,
                scope=scope,
                student_ids=students,
                due_lesson_id=week.due,
                submission_required=True,
            ),
            idempotency_key=None,
            request_payload=None,
        )
    student = Principal(subject="demo-seed-student", issuer="demo", person_id=STUDENTS[0])
    with contextlib.suppress(PreconditionFailed):  # already checked by the teacher: keep it
        await submission_handing_in.submit(
            runtime=runtime,
            school_id=SCHOOL,
            principal=student,
            command=submission_handing_in.SubmitHomework(
                homework_id=first, student_id=STUDENTS[0], text="Ответ: 3/4"
            ),
        )
    return first

"""The demo region's journal: 5А of school 1 with a week of lessons, marks, attendance.

The journal's projections are normally fed by identity, roster and schedule events; the
seed writes the rows it needs itself (idempotent upserts with the shared demo ids), so the
journal can be tried even before those services have published anything.
"""

from __future__ import annotations

import contextlib
from datetime import UTC, date, datetime, timedelta
from uuid import UUID

from tabel_journal.adapters import projections as p
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

SCHOOL = demo_id("school/1")
CLASS = demo_id("school/1/class/5А")
TERM = demo_id("school/1/term/2")
MATH = demo_id("school/1/subject/Математика")  # schedule's demo subject id
STUDENTS = [demo_id(f"school/1/person/student/5А/{n}") for n in range(1, 26)]
# Roster's demo people: teacher/3 teaches maths and leads 5А, teacher/1 is the director,
# guardian/5А/<n>/1 is a student's first guardian.
GUARDIANS = [demo_id(f"school/1/person/guardian/5А/{n}/1") for n in range(1, 26)]
TEACHER = demo_id("school/1/person/teacher/3")
DIRECTOR = demo_id("school/1/person/teacher/1")
VALUES = ["5", "4", "4", "3", "5", "2", "4"]


async def seed_demo(runtime: Runtime) -> list[str]:
    today = date.today()
    monday = today - timedelta(days=today.weekday())
    lessons = [
        demo_id(f"school/1/lesson/5А/math/{(monday + timedelta(days=i)).isoformat()}")
        for i in range(5)
    ]
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
            "terms",
            ("school_id", "term_id"),
            {
                "school_id": SCHOOL,
                "term_id": TERM,
                "academic_year_id": demo_id("school/1/year"),
                "number": 2,
                "starts_on": monday - timedelta(days=40),
                "ends_on": monday + timedelta(days=40),
                "closed": False,
            },
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
        for i, lesson in enumerate(lessons):
            day = monday + timedelta(days=i)
            start = datetime(day.year, day.month, day.day, 6, 0, tzinfo=UTC)
            await p.save_lesson(
                s,
                p.lesson_row(
                    school_id=SCHOOL,
                    lesson_id=lesson,
                    day=day,
                    period=2,
                    starts_at=start,
                    ends_at=start + timedelta(minutes=45),
                    subject_id=MATH,
                    subject_name="Математика",
                    teacher_id=TEACHER,
                    substitute_teacher_id=None,
                    class_ids=[CLASS],
                    study_group_ids=[],
                    term_id=TERM,
                    room_name="214",
                    cancelled=False,
                    changed=False,
                ),
            )
    teacher = Principal(subject="demo-seed", issuer="demo", person_id=TEACHER)
    for i, lesson in enumerate(lessons[: max(1, today.weekday() + 1)]):
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
        )
        await save_lesson_journal(
            runtime=runtime,
            school_id=SCHOOL,
            principal=teacher,
            command=command,
            idempotency_key=f"demo-{lesson}",
            request_payload={"demo": str(lesson)},
        )
    homework_id = await seed_homework(runtime, teacher, lessons)
    return [
        f"journal: 5А школы № 1 — {len(lessons)} уроков математики на этой неделе, "
        "отметки и посещаемость внесены",
        f"journal: дневник ученика: GET /v1/journal/diary/{STUDENTS[0]}/week "
        f"(ученик {STUDENTS[0]}, родитель {GUARDIANS[0]})",
        f"journal: журнал урока: GET /v1/journal/lessons/{lessons[0]}/journal (учитель {TEACHER})",
        f"journal: домашние задания ученика: GET /v1/journal/diary/{STUDENTS[0]}/homework; "
        f"сдачи по заданию: GET /v1/journal/homework/{homework_id}/submissions (учитель)",
        "journal: проекции (классы, членство, права, уроки) записаны самим журналом: "
        "роли и расписание демо-региона",
    ]


async def seed_homework(runtime: Runtime, teacher: Principal, lessons: list[UUID]) -> UUID:
    """Class-wide homework at the first lesson (handed in by the first student) and an
    individual one for the second student."""
    first = demo_id(f"school/1/homework/{lessons[0]}")
    given = [
        (first, lessons[0], "class_wide", [], "№ 245, 247; решение сфотографировать"),
        (demo_id(f"school/1/homework/{lessons[0]}/2"), lessons[0], "individual",
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
                due_lesson_id=lessons[1],
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

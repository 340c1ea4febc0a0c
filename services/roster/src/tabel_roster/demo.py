"""The demo region's roster part: fixed ids, so running the seed again changes nothing.

School 1 gets classes 5А, 5Б and 10А of the current academic year with 25 students each,
their guardians (about 1.6 per student; some gave consent to personal data, some did not),
teachers with positions and a class teacher per class. Ids other seeds can rely on:

    demo_id("school/1/class/5А")                     a class of the current year
    demo_id("school/1/person/teacher/1") .. /8       staff (1 is the director)
    demo_id("school/1/person/student/5А/1") .. /25   students, numbered in the class
    demo_id("school/1/person/guardian/5А/1/1"), /2   a student's mother and father
    demo_id("school/1/class/5А/group/1"), /2          the class's English halves
"""

from __future__ import annotations

import contextlib
from datetime import date
from uuid import UUID

from tabel_platform.demo import demo_id
from tabel_platform.errors import Conflict, NotFound
from tabel_platform.events.envelope import Actor
from tabel_platform.runtime import Runtime
from tabel_roster import demo_people as names
from tabel_roster.domain.classes import academic_year_of
from tabel_roster.domain.movements import MovementKind
from tabel_roster.domain.people import PersonalData, PersonKind, Relation
from tabel_roster.service_layer import (
    classes,
    consents,
    guardianships,
    movements,
    people,
    study_groups,
)
from tabel_roster.service_layer.municipalities import CreateMunicipality, create_municipality
from tabel_roster.service_layer.schools import CreateSchool, create_school, get_school

MUNICIPALITY = demo_id("municipality/1")
SCHOOL_1 = demo_id("school/1")
SCHOOLS = [
    (SCHOOL_1, "МБОУ «Средняя общеобразовательная школа № 1»", "Школа № 1", ["school1.localhost"]),
    (demo_id("school/2"), "МБОУ «Гимназия № 2»", "Гимназия № 2", ["gym2.localhost"]),
]
TEACHERS = [  # last, first, middle, positions
    ("Кузнецова", "Галина", "Ивановна", ["director", "teacher"]),
    ("Орлов", "Виктор", "Павлович", ["deputy_director", "teacher"]),
    ("Белова", "Анна", "Сергеевна", ["teacher"]),
    ("Громов", "Илья", "Андреевич", ["teacher"]),
    ("Зимина", "Ольга", "Николаевна", ["teacher"]),
    ("Лосева", "Марина", "Игоревна", ["teacher", "tutor"]),
    ("Титов", "Алексей", "Олегович", ["teacher"]),
    ("Ершова", "Наталья", "Владимировна", ["secretary"]),
]
CLASSES = [
    ("5А", 5, "А", 3),
    ("5Б", 5, "Б", 4),
    ("10А", 10, "А", 5),
]  # name, grade, letter, class teacher
STUDENTS_PER_CLASS = 25
SYSTEM = Actor(kind="system", subject="roster-demo-seed", person_id="")


async def seed_demo(runtime: Runtime) -> list[str]:
    lines = []
    with contextlib.suppress(Conflict):  # already there: a second run changes nothing
        await create_municipality(
            runtime=runtime,
            command=CreateMunicipality(
                name="Демонстрационный городской округ",
                oktmo="01701000",
                municipality_id=MUNICIPALITY,
            ),
            actor=SYSTEM,
        )
        lines.append("roster: создан муниципалитет «Демонстрационный городской округ»")
    for school_id, name, short, domains in SCHOOLS:
        try:
            await get_school(runtime=runtime, school_id=school_id)
            lines.append(f"roster: {short} уже есть ({domains[0]})")
            continue
        except NotFound:
            pass
        with contextlib.suppress(Conflict):  # a parallel seed got there first
            await create_school(
                runtime=runtime,
                command=CreateSchool(
                    municipality_id=MUNICIPALITY,
                    name=name,
                    short_name=short,
                    domains=domains,
                    school_id=school_id,
                ),
                actor=SYSTEM,
            )
        lines.append(f"roster: создана {short} ({domains[0]}), id {school_id}")
    lines += await seed_school_1(runtime)
    return lines


async def seed_school_1(runtime: Runtime) -> list[str]:
    year = academic_year_of(date.today())
    done = await classes.list_classes(runtime=runtime, school_id=SCHOOL_1, year=year, grade=None)
    if done:
        names_ = ", ".join(c.name for c in done)
        return [f"roster: в школе № 1 уже есть классы {names_} ({year}/{year + 1})"]
    for n, (last, first, middle, positions) in enumerate(TEACHERS, start=1):
        await people.create_person(
            runtime=runtime,
            command=people.CreatePerson(
                school_id=SCHOOL_1,
                last_name=last,
                first_name=first,
                middle_name=middle,
                kinds=[PersonKind.STAFF],
                positions=positions,
                person_id=demo_id(f"school/1/person/teacher/{n}"),
            ),
            actor=SYSTEM,
        )
    start = date(year, 9, 1)
    students = guardians = with_consent = 0
    for cname, grade, letter, teacher in CLASSES:
        class_id = demo_id(f"school/1/class/{cname}")
        await classes.create_class(
            runtime=runtime,
            command=classes.CreateClass(
                school_id=SCHOOL_1,
                academic_year_start=year,
                grade_level=grade,
                letter=letter,
                class_teacher_id=demo_id(f"school/1/person/teacher/{teacher}"),
                class_id=class_id,
            ),
            actor=SYSTEM,
        )
        for i in range(1, STUDENTS_PER_CLASS + 1):
            n = grade * 100 + ord(letter) + i
            g, c = await _student_with_guardians(runtime, cname, i, n, grade, year)
            guardians, with_consent = guardians + g, with_consent + c
            await movements.move_student(
                runtime=runtime,
                command=movements.MoveStudent(
                    school_id=SCHOOL_1,
                    student_id=demo_id(f"school/1/person/student/{cname}/{i}"),
                    kind=MovementKind.ADMISSION,
                    effective_on=start,
                    to_class_id=class_id,
                    order_number=f"{year}-01-уч",
                ),
                actor=SYSTEM,
            )
            students += 1
        await _english_groups(runtime, cname, class_id, year, start)
    return [
        f"roster: школа № 1 — классы {', '.join(c[0] for c in CLASSES)} ({year}/{year + 1}), "
        f"{students} учащихся, {guardians} законных представителей, {len(TEACHERS)} сотрудников",
        f"roster: согласие на обработку ПДн есть у {with_consent} учащихся; "
        "у остальных хранится только ФИО",
        "roster: английский язык — по две группы в каждом классе (нечётные номера в журнале "
        "во 2-й группе, чётные в 1-й)",
    ]


async def _english_groups(
    runtime: Runtime, cname: str, class_id: UUID, year: int, start: date
) -> None:
    """The class halves for English (ids as schedule's demo timetable expects them): student
    number i of the class is in group 1 + i % 2."""
    for n in (1, 2):
        await study_groups.create_study_group(
            runtime=runtime,
            command=study_groups.CreateStudyGroup(
                school_id=SCHOOL_1, academic_year_start=year, name=f"{cname} англ. гр. {n}",
                class_id=class_id, group_id=english_group(cname, n),
            ),
            actor=SYSTEM,
        )  # fmt: skip
    for i in range(1, STUDENTS_PER_CLASS + 1):
        await study_groups.add_group_member(
            runtime=runtime, school_id=SCHOOL_1, group_id=english_group(cname, 1 + i % 2),
            person_id=demo_id(f"school/1/person/student/{cname}/{i}"), starts_on=start,
            actor=SYSTEM,
        )  # fmt: skip


def english_group(cname: str, n: int) -> UUID:
    return demo_id(f"school/1/class/{cname}/group/{n}")


async def _student_with_guardians(
    runtime: Runtime, cname: str, i: int, n: int, grade: int, year: int
) -> tuple[int, int]:
    last, first, middle, female = names.student_name(n)
    consent = i % 4 != 0  # every fourth family gave no consent: only the name is stored
    father_idx = n % len(names.FATHERS)
    family = names.surname(names.SURNAMES[(n * 7) % len(names.SURNAMES)], False)
    mother = (
        names.surname(family, True),
        names.MOTHER_NAMES[n % len(names.MOTHER_NAMES)],
        "Викторовна",
    )
    sid = demo_id(f"school/1/person/student/{cname}/{i}")
    given = (
        consents.ConsentGiven(given_by=" ".join(mother), document_ref=f"согласие № {n}")
        if consent
        else None
    )
    data = (
        PersonalData(
            birth_date=date(year - grade - 6, 1 + n % 12, 1 + n % 28), sex=2 if female else 1
        )
        if consent
        else PersonalData()
    )
    await people.create_person(
        runtime=runtime,
        command=people.CreatePerson(
            school_id=SCHOOL_1,
            last_name=last,
            first_name=first,
            middle_name=middle,
            kinds=[PersonKind.STUDENT],
            consent=given,
            data=data,
            person_id=sid,
        ),
        actor=SYSTEM,
    )
    parents = [(1, mother, Relation.MOTHER)]
    if i % 5 in (1, 2, 3):  # about 1.6 guardians per student
        parents.append((2, (family, names.FATHER_NAMES[father_idx], "Петрович"), Relation.FATHER))
    for k, (plast, pfirst, pmiddle), relation in parents:
        gid = demo_id(f"school/1/person/guardian/{cname}/{i}/{k}")
        pdata = PersonalData(phone=f"+7 900 {n:03d}-{i:02d}-{k:02d}") if consent else PersonalData()
        pgiven = consents.ConsentGiven(given_by=f"{plast} {pfirst} {pmiddle}") if consent else None
        await people.create_person(
            runtime=runtime,
            command=people.CreatePerson(
                school_id=SCHOOL_1,
                last_name=plast,
                first_name=pfirst,
                middle_name=pmiddle,
                kinds=[PersonKind.GUARDIAN],
                consent=pgiven,
                data=pdata,
                person_id=gid,
            ),
            actor=SYSTEM,
        )
        await guardianships.add_guardianship(
            runtime=runtime,
            command=guardianships.AddGuardianship(
                school_id=SCHOOL_1,
                guardian_id=gid,
                student_id=sid,
                relation=relation,
                guardianship_id=demo_id(f"school/1/guardianship/{cname}/{i}/{k}"),
            ),
            actor=SYSTEM,
        )
    return len(parents), int(consent)

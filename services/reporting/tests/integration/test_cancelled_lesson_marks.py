"""Marks of a cancelled lesson count in no average, quality rate, СОУ or progress cell (the
lesson did not take place; the journal's diary leaves them out of its averages too), in
whatever order the cancellation and the marks arrive, and count again if the lesson takes
place after all.

The hand-computed class (test_class_progress) with its 3rd maths lesson cancelled, whose
marks were Алексеева 4, Васильева 3, Григорьев 2:
    Алексеева 5, 5 -> 5 (10/2); Борисов (2·4 + 5)/3 -> 4 (13/3);
    Васильева 3, 4 = 3.5 -> 4 (7/2); Григорьев 2, 3 = 2.5 -> 3 (5/2);
    Дмитриева н/а; Егоров exempt; Жукова no marks; Зайцев final mark 5 (marks 7/2).
Mathematics: n5=2 n4=2 n3=1 n2=0 n_na=1, N = 6:
    pass = 5/6, quality = 4/6, СОУ = (200 + 128 + 36 + 7)/6 = 371/6 %,
    average = (10 + 13 + 7 + 5 + 0 + 7)/(2 + 3 + 2 + 2 + 0 + 2) = 42/11.
Class (Russian unchanged: 5 4 4 3 3 5 2, 26/7): N = 7; pass: Алексеева, Борисов, Васильева,
    Григорьев, Егоров = 5/7; quality: Алексеева, Борисов, Васильева, Егоров = 4/7;
    СОУ over 13 results = (371 + 416)/13 = 787/13 %; average = (42 + 26)/(11 + 7) = 68/18.
    Attendance: 3 lessons held x 8 students = 24, missed 3 -> 21/24.
"""

from __future__ import annotations

from typing import Any

from pytest import approx

from tabel.schedule.v1 import events_pb2 as schedule
from tabel.schedule.v1 import lessons_pb2
from tabel_platform.testing import ServiceHandle
from tabel_platform.waiting import eventually
from tabel_reporting.service_layer.rebuild import rebuild
from tabel_reporting.testing import EventPublisher, applied, dump, pb_date, wait_applied
from tabel_reporting.testing_class import HandComputedClass

from .test_class_progress import progress_of
from .test_progress_cells import PROGRESS, cells, from_scratch

RUSSIAN = (7, 1, 2, 2, 2, 1, 0, 0, 7, 26, 7)
MATH_HELD = (7, 1, 2, 1, 1, 1, 1, 1, 6, 51, 14)  # test_progress_cells: every lesson held
MATH_CANCELLED = (7, 1, 2, 2, 1, 0, 1, 1, 6, 42, 11)


def third_maths_lesson(world: HandComputedClass, *, cancelled: bool) -> Any:
    """LessonCancelled, or a LessonChanged that puts the lesson back, as schedule sends them."""
    lesson = lessons_pb2.Lesson(
        id=str(world.lessons["math"][2]),
        school_id=str(world.school_id),
        date=pb_date(world.lesson_date("math", 2)),
        period=3,
        subject=lessons_pb2.Subject(id=str(world.math_id), name="Математика"),
        teacher_id=str(world.teacher_id),
        class_ids=[str(world.class_id)],
        term_id=str(world.term_id),
        status=lessons_pb2.LESSON_STATUS_CANCELLED
        if cancelled
        else lessons_pb2.LESSON_STATUS_SCHEDULED,
    )
    if cancelled:
        return schedule.LessonCancelled(lesson=lesson, reason="Карантин")
    return schedule.LessonChanged(lesson=lesson)


async def progress(reporting: ServiceHandle, world: HandComputedClass) -> Any:
    report, _ = await progress_of(reporting, world)
    return report


async def test_a_cancelled_lessons_marks_leave_the_class_progress(
    reporting: ServiceHandle, publisher: EventPublisher
) -> None:
    world = HandComputedClass()
    total = await world.publish(publisher)
    await wait_applied(reporting, total)
    assert await cells(reporting) == {"математика": MATH_HELD, "русский язык": RUSSIAN}

    await publisher.publish(third_maths_lesson(world, cancelled=True), school_id=world.school_id)
    await wait_applied(reporting, total + 1)
    report = await progress(reporting, world)
    math = report.subjects[0]
    assert math.subject.name == "Математика" and math.rates.students == 6
    assert (math.counts.by_grade, math.counts.not_certified) == ({5: 2, 4: 2, 3: 1, 2: 0}, 1)
    assert math.rates.pass_rate == approx(5 / 6)
    assert math.rates.quality_rate == approx(4 / 6)
    assert math.rates.degree_of_learning == approx(371 / 600)
    assert math.rates.average_mark == approx(42 / 11)
    assert report.total.students == 7
    assert report.total.pass_rate == approx(5 / 7)
    assert report.total.quality_rate == approx(4 / 7)
    assert report.total.degree_of_learning == approx(787 / 1300)
    assert report.total.average_mark == approx(68 / 18)
    assert report.attendance_rate == approx(21 / 24)
    lines = {line.student.name: line for line in report.students}
    vasilyeva = lines["Васильева Вера"].results[world.math_id]
    grigoryev = lines["Григорьев Глеб Олегович"].results[world.math_id]
    assert (vasilyeva.grade, grigoryev.grade) == (4, 3)
    assert lines["Васильева Вера"].average_mark == approx((7 + 4) / (2 + 1)), "with Russian"

    assert await cells(reporting) == {"математика": MATH_CANCELLED, "русский язык": RUSSIAN}
    incremental = {t: rows for t, rows in (await dump(reporting)).items() if t in PROGRESS}
    assert incremental == await from_scratch(reporting)


async def test_the_cancellation_counts_whenever_it_arrives_and_can_be_undone(
    reporting: ServiceHandle, publisher: EventPublisher
) -> None:
    world = HandComputedClass()
    count = 0
    for payload in [*world.roster_events(), *world.schedule_events()]:
        await publisher.publish(payload, school_id=world.school_id)
        count += 1
    await publisher.publish(third_maths_lesson(world, cancelled=True), school_id=world.school_id)
    for payload in world.journal_events():  # the marks arrive after the cancellation
        await publisher.publish(payload, school_id=world.school_id, person_id=world.teacher_id)
        count += 1
    await wait_applied(reporting, count + 1)
    assert await cells(reporting) == {"математика": MATH_CANCELLED, "русский язык": RUSSIAN}
    assert (await progress(reporting, world)).subjects[0].rates.average_mark == approx(42 / 11)

    await publisher.publish(third_maths_lesson(world, cancelled=False), school_id=world.school_id)
    await wait_applied(reporting, count + 2)
    assert await cells(reporting) == {"математика": MATH_HELD, "русский язык": RUSSIAN}
    assert (await progress(reporting, world)).subjects[0].rates.average_mark == approx(51 / 14)

    incremental = await dump(reporting)
    await rebuild(runtime=reporting.runtime)
    await eventually(lambda: applied(reporting), lambda n: n == count + 2, timeout=30)
    assert await dump(reporting) == incremental, "a replay gives the same read models"

"""Class progress for a term against hand-computed figures (special marks, exempt students,
a final mark overriding the forecast, a changed and a deleted mark, absences).

Mathematics (N = 6: Егоров is exempt, Жукова has no marks):
    results 5 (Алексеева 4.67), 4 (Борисов (2·4+5)/3 = 4.33), 3 (Васильева 3.33),
            2 (Григорьев 2.33), н/а (Дмитриева), 5 (Зайцев: final mark, forecast 3.5 -> 4)
    n5=2 n4=1 n3=1 n2=1 n_na=1
    pass = 4/6, quality = 3/6, СОУ = (200 + 64 + 36 + 16 + 7)/6 = 323/6 %
    average = (14 + 13 + 10 + 7 + 7) / 14 = 51/14
Russian (N = 7): 5, 4, 4, 3, 3, 5, 2 -> pass 6/7, quality 4/7, СОУ 416/7 %, average 26/7
Class: 7 students with counted results; pass: Алексеева, Борисов, Васильева, Егоров = 4/7;
    quality: Алексеева, Борисов, Егоров = 3/7; СОУ over 13 results = 739/13 %;
    average = 77/21. Attendance: 4 lessons x 8 students = 32, missed 3 (н, б, б; оп is not).
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from pytest import approx

from tabel_platform.auth.principal import Principal
from tabel_platform.testing import ServiceHandle
from tabel_reporting.domain.progress import Outcome
from tabel_reporting.service_layer.class_progress import class_progress
from tabel_reporting.testing import EventPublisher, wait_applied
from tabel_reporting.testing_class import HandComputedClass


async def progress_of(reporting: ServiceHandle, world: HandComputedClass) -> tuple[Any, Any]:
    """The class's term progress as its class teacher asks for it (report, as of)."""
    class_teacher = Principal(
        subject="ct",
        issuer="test",
        person_id=world.class_teacher_id,
        school_ids=frozenset({world.school_id}),
    )
    return await class_progress(
        runtime=reporting.runtime,
        principal=class_teacher,
        school_id=world.school_id,
        class_id=world.class_id,
        term_id=world.term_id,
        today=date(2025, 12, 1),
    )


@pytest.mark.parametrize("as_lesson_saves", [False, True], ids=["per change", "per save"])
async def test_rates_match_the_hand_computed_class(
    reporting: ServiceHandle, publisher: EventPublisher, as_lesson_saves: bool
) -> None:
    world = HandComputedClass(as_lesson_saves=as_lesson_saves)
    await wait_applied(reporting, await world.publish(publisher))
    report, as_of = await progress_of(reporting, world)
    assert as_of is not None
    assert report.class_name == "7А" and report.term_name == "1-я четверть 2025/2026 уч. г."
    math, russian = report.subjects
    assert math.subject.name == "Математика" and russian.subject.name == "Русский язык"

    assert math.rates.students == 6
    assert (math.counts.by_grade, math.counts.not_certified) == ({5: 2, 4: 1, 3: 1, 2: 1}, 1)
    assert (math.counts.exempt, math.counts.no_marks) == (1, 1)
    assert math.rates.pass_rate == approx(4 / 6)
    assert math.rates.quality_rate == approx(3 / 6)
    assert math.rates.degree_of_learning == approx(323 / 600)
    assert math.rates.average_mark == approx(51 / 14)

    assert russian.rates.students == 7
    assert russian.rates.pass_rate == approx(6 / 7)
    assert russian.rates.quality_rate == approx(4 / 7)
    assert russian.rates.degree_of_learning == approx(416 / 700)
    assert russian.rates.average_mark == approx(26 / 7)

    assert report.total.students == 7
    assert report.total.pass_rate == approx(4 / 7)
    assert report.total.quality_rate == approx(3 / 7)
    assert report.total.degree_of_learning == approx(739 / 1300)
    assert report.total.average_mark == approx(77 / 21)
    assert report.attendance_rate == approx(29 / 32)

    lines = {line.student.name: line for line in report.students}
    assert next(iter(lines)) == "Алексеева Анна Петровна" and len(lines) == 8
    zaitsev = lines["Зайцев Захар Ильич"].results[world.math_id]
    assert (zaitsev.grade, zaitsev.forecast) == (5, False), "the final mark wins"
    assert lines["Егоров Егор Егорович"].results[world.math_id].outcome is Outcome.EXEMPT
    assert lines["Жукова Жанна Львовна"].results[world.math_id].outcome is Outcome.NO_MARKS
    borisov = lines["Борисов Борис Иванович"]
    assert (borisov.lessons_missed, borisov.lessons_missed_excused) == (2, 2)
    assert lines["Алексеева Анна Петровна"].lessons_missed == 1
    assert lines["Васильева Вера"].lessons_missed == 0, "late is not a missed lesson"
    assert lines["Григорьев Глеб Олегович"].average_mark == approx((2 + 3 + 2 + 3) / 4)

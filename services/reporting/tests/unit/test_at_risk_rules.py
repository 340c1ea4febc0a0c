"""Rising absences: more missed lessons in the last two weeks than before, and at least three."""

from __future__ import annotations

from uuid import uuid4

from tabel_reporting.domain.at_risk import risks
from tabel_reporting.domain.class_progress import Student, Subject
from tabel_reporting.domain.progress import Tally


def test_rising_absences_and_a_failing_forecast_put_a_student_at_risk() -> None:
    rising, steady, few, failing = (Student(uuid4(), n) for n in ("А", "Б", "В", "Г"))
    math = Subject(uuid4(), "Математика")
    found = risks(
        students=[rising, steady, few, failing],
        subjects=[math],
        tallies={(failing.id, math.id): Tally(2, 5.0, 2)},  # 2.5 rounds up to 3: not failing
        missed={rising.id: (3, 1), steady.id: (4, 4), few.id: (2, 0)},
    )
    assert [r.student.name for r in found] == ["А"]
    worse = risks(
        students=[failing],
        subjects=[math],
        tallies={(failing.id, math.id): Tally(2, 4.8, 2)},  # 2.4 -> 2
        missed={},
    )
    assert worse[0].failing == ["Математика (2)"] and not worse[0].rising_absences

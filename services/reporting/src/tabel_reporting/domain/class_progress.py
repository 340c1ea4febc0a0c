"""A class's progress for a term: per subject, per student, and for the whole class.

For the whole class a student passes when every counted subject result is 3 or better
(no 2, no н/а), and is of quality when every one is 4 or 5; N is the students with at
least one counted result. The class's СОУ is taken over all counted subject results.
"""

from __future__ import annotations

from dataclasses import dataclass
from uuid import UUID

from tabel_reporting.domain.progress import (
    NOT_CERTIFIED_WEIGHT,
    SIMONOV_WEIGHTS,
    Counts,
    Outcome,
    Rates,
    Result,
    Tally,
    rates_of_tallies,
    result_of,
)


@dataclass(frozen=True)
class Student:
    id: UUID
    name: str  # "Фамилия Имя Отчество"
    parts: tuple[str, str, str] = ("", "", "")  # фамилия, имя, отчество


@dataclass(frozen=True)
class Subject:
    id: UUID
    name: str


@dataclass(frozen=True)
class SubjectLine:
    subject: Subject
    rates: Rates
    counts: Counts


@dataclass(frozen=True)
class StudentLine:
    student: Student
    results: dict[UUID, Result]  # by subject id
    average_mark: float | None
    lessons_missed: int
    lessons_missed_excused: int


@dataclass(frozen=True)
class ClassProgress:
    class_name: str
    term_name: str
    subjects: list[SubjectLine]
    students: list[StudentLine]
    total: Rates
    attendance_rate: float | None


@dataclass(frozen=True)
class Attendance:
    missed: int = 0
    excused: int = 0


def build_class_progress(
    *,
    class_name: str,
    term_name: str,
    students: list[Student],
    subjects: list[Subject],
    tallies: dict[tuple[UUID, UUID], Tally],  # (student, subject) -> tally
    attendance: dict[UUID, Attendance],
    attendance_rate: float | None,
) -> ClassProgress:
    subject_lines = []
    for subject in subjects:
        rates, counts = rates_of_tallies(tallies.get((s.id, subject.id), Tally()) for s in students)
        subject_lines.append(SubjectLine(subject, rates, counts))
    student_lines = []
    for student in students:
        mine = {sub.id: tallies.get((student.id, sub.id), Tally()) for sub in subjects}
        sum_wv = sum(t.sum_weighted for t in mine.values())
        sum_w = sum(t.sum_weights for t in mine.values())
        seen = attendance.get(student.id, Attendance())
        student_lines.append(
            StudentLine(
                student=student,
                results={sid: result_of(t) for sid, t in mine.items()},
                average_mark=sum_wv / sum_w if sum_w else None,
                lessons_missed=seen.missed,
                lessons_missed_excused=seen.excused,
            )
        )
    counted_tallies = [tallies.get((s.id, sub.id), Tally()) for s in students for sub in subjects]
    return ClassProgress(
        class_name=class_name,
        term_name=term_name,
        subjects=subject_lines,
        students=student_lines,
        total=class_total(
            student_lines,
            marks=sum(t.marks for t in counted_tallies),
            sum_wv=sum(t.sum_weighted for t in counted_tallies),
            sum_w=sum(t.sum_weights for t in counted_tallies),
        ),
        attendance_rate=attendance_rate,
    )


def class_total(students: list[StudentLine], *, marks: int, sum_wv: float, sum_w: int) -> Rates:
    n = passed = quality = results = points = 0
    for line in students:
        counted = [r for r in line.results.values() if r.counted]
        if not counted:
            continue
        n += 1
        grades = [r.grade or 0 for r in counted if r.outcome is Outcome.GRADE]
        all_graded = len(grades) == len(counted)
        passed += all_graded and all(g >= 3 for g in grades)
        quality += all_graded and all(g >= 4 for g in grades)
        for r in counted:
            results += 1
            points += SIMONOV_WEIGHTS[r.grade] if r.grade else NOT_CERTIFIED_WEIGHT
    return Rates(
        students=n,
        marks=marks,
        average_mark=sum_wv / sum_w if sum_w else None,
        pass_rate=passed / n if n else None,
        quality_rate=quality / n if n else None,
        degree_of_learning=points / (100 * results) if results else None,
    )

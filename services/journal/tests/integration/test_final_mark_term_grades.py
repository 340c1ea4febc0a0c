"""A final mark's term as schedule describes it (kind and grade levels, migration 0008): one
school year in quarters for grades 1..9 and in half-years for grades 10..11, as schedule
publishes it. A term or half-year mark is for a term of the student's grade level, a
half-year is a term of that kind whatever its length, and a year mark is locked by the last
term of the student's grade. Terms projected without kind or grades keep the old rules."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

import pytest
from sqlalchemy import text

from tabel.identity.v1 import grants_pb2
from tabel.schedule.v1 import calendar_pb2
from tabel.schedule.v1 import events_pb2 as se

from .client import As
from .final_marks_kit import delete_final, final, permit, put_final
from .world import World, build_school, d

TODAY = date.today()
QUARTER = calendar_pb2.TERM_KIND_QUARTER
HALF_YEAR = calendar_pb2.TERM_KIND_HALF_YEAR
NOT_FOR_GRADE = "Этот учебный период не относится к параллели ученика: выберите период его класса."


def days(n: int) -> date:
    return TODAY + timedelta(days=n)


@dataclass(frozen=True)
class Term:
    starts: date
    ends: date
    number: int
    kind: calendar_pb2.TermKind.ValueType
    grades: tuple[int, ...]
    id: uuid.UUID = field(default_factory=uuid.uuid4)


LOWER, UPPER = tuple(range(1, 10)), (10, 11)


@dataclass
class Year:
    id: uuid.UUID = field(default_factory=uuid.uuid4)
    # A quarter longer than any trimester: its length alone would make it a half-year.
    q1: Term = field(default_factory=lambda: Term(days(-200), days(-61), 1, QUARTER, LOWER))
    q2: Term = field(default_factory=lambda: Term(days(-60), days(30), 2, QUARTER, LOWER))
    # A half-year shorter than any: its length alone would make it no half-year.
    h1: Term = field(default_factory=lambda: Term(days(-200), days(-120), 1, HALF_YEAR, UPPER))
    h2: Term = field(default_factory=lambda: Term(days(-119), days(30), 2, HALF_YEAR, UPPER))

    @property
    def terms(self) -> list[Term]:
        return [self.q1, self.q2, self.h1, self.h2]


def message(w: World, year: uuid.UUID, t: Term, *, closed: bool = False) -> calendar_pb2.Term:
    return calendar_pb2.Term(
        id=str(t.id),
        school_id=str(w.school),
        academic_year_id=str(year),
        kind=t.kind,
        number=t.number,
        grade_levels=list(t.grades),
        starts_on=d(t.starts),
        ends_on=d(t.ends),
        closed=closed,
    )


async def publish_year(w: World, year: uuid.UUID, terms: list[calendar_pb2.Term]) -> None:
    academic_year = calendar_pb2.AcademicYear(id=str(year), school_id=str(w.school))
    await w.publish("schedule", se.AcademicYearCreated(academic_year=academic_year, terms=terms))


async def close(w: World, year: Year, t: Term) -> None:
    await w.publish("schedule", se.TermClosed(term=message(w, year.id, t, closed=True)))


@pytest.fixture
async def school(journal: Any, issuer: Any) -> tuple[World, As, Year]:
    """build_school's 5А (grade 5: s1) and a 10А (grade 10: t1), in one year of both systems."""
    w = await build_school(journal, TODAY)
    await w.add_class("10А", 10, teacher="class_teacher_10a")
    await w.add_student("t1", "10А", guardian="parent_t1")
    for teacher in ("math_10a", "class_teacher_10a"):
        await w.grant(teacher, grants_pb2.ROLE_TEACHER)
    await w.assign("math_10a", w.math, "10А")
    year = Year()
    await publish_year(w, year.id, [message(w, year.id, t) for t in year.terms])
    return w, As(journal, issuer, w), year


def refusal(r: Any) -> tuple[int, str, str]:
    error = r.json()["errors"][0]
    return r.status_code, error["field"], error["code"]


async def test_a_term_mark_is_for_a_term_of_the_students_grade_level(school: Any) -> None:
    w, call, year = school
    upper_term = await put_final(call, "math_5a", final(w, "s1", w.math, "term", year.h2.id))
    assert refusal(upper_term) == (422, "term_id", "term_not_for_grade"), upper_term.text
    assert upper_term.json()["errors"][0]["message"] == NOT_FOR_GRADE
    upper_half = await put_final(call, "math_5a", final(w, "s1", w.math, "half_year", year.h1.id))
    assert refusal(upper_half) == (422, "term_id", "term_not_for_grade")
    by_class_teacher = final(w, "s1", w.history, "term", year.h2.id)
    refused = await put_final(call, "class_teacher_5a", by_class_teacher)
    assert refusal(refused) == (422, "term_id", "term_not_for_grade")
    lower_term = await put_final(call, "math_10a", final(w, "t1", w.math, "term", year.q2.id))
    assert refusal(lower_term) == (422, "term_id", "term_not_for_grade")

    own = await put_final(call, "math_5a", final(w, "s1", w.math, "term", year.q2.id))
    assert own.status_code == 200 and own.json()["period_id"] == str(year.q2.id), own.text
    upper = await put_final(call, "math_10a", final(w, "t1", w.math, "term", year.h2.id))
    assert upper.status_code == 200 and upper.json()["period_id"] == str(year.h2.id), upper.text


@pytest.mark.parametrize(
    ("who", "student"),
    [("math_5a", "t1"), ("math_10a", "s1"), ("class_teacher_10a", "s1"), ("parent_t1", "t1")],
)
async def test_others_are_refused_before_the_term_is_looked_at(
    school: Any, who: str, student: str
) -> None:
    """No right, no hint: a wrong person hears 403 whether the term fits the grade or not."""
    w, call, year = school
    for term in (year.q2, year.h2):
        refused = await put_final(call, who, final(w, student, w.math, "term", term.id))
        assert (refused.status_code, refused.json()["code"]) == (403, "final_forbidden"), who


async def test_a_half_year_is_told_by_its_kind_not_by_its_length(school: Any) -> None:
    w, call, year = school
    short_half = await put_final(call, "math_10a", final(w, "t1", w.math, "half_year", year.h1.id))
    assert short_half.status_code == 200, short_half.text
    assert short_half.json()["period_id"] == str(year.h1.id)
    long_quarter = final(w, "s1", w.math, "half_year", year.q1.id)
    refused = await put_final(call, "math_5a", long_quarter)
    assert refusal(refused) == (422, "kind", "kind_not_for_term")
    as_term = await put_final(call, "math_5a", final(w, "s1", w.math, "term", year.q1.id))
    assert as_term.status_code == 200, "a term mark may be set for the long quarter"


async def test_a_year_mark_is_locked_by_the_last_term_of_the_students_grade(school: Any) -> None:
    w, call, year = school
    await close(w, year, year.q2)  # the lower grades' year is over; the upper ones' is not
    lower = await put_final(call, "math_5a", final(w, "s1", w.math, "year", year.q1.id))
    assert (lower.status_code, lower.json()["code"]) == (403, "term_closed")
    upper = await put_final(call, "math_10a", final(w, "t1", w.math, "year", year.h1.id, "5"))
    assert upper.status_code == 200 and upper.json()["period_id"] == str(year.id), upper.text
    # A year mark may name any term of its year: the term only says which year it is.
    by_quarter = final(w, "t1", w.math, "year", year.q1.id, "4")
    same_slot = await put_final(call, "math_10a", by_quarter)
    assert same_slot.status_code == 200, same_slot.text
    assert same_slot.json()["period_id"] == str(year.id) and same_slot.json()["version"] == 2

    await close(w, year, year.h2)
    locked = await put_final(call, "math_10a", final(w, "t1", w.math, "year", year.h1.id, "5"))
    assert (locked.status_code, locked.json()["code"]) == (403, "term_closed")


async def terms_row(journal: Any, w: World, term: uuid.UUID) -> tuple[Any, ...]:
    async with journal.runtime.db.transaction(school_id=w.school) as s:
        row = await s.execute(
            text("SELECT kind, grade_levels, closed FROM terms WHERE term_id = :t"), {"t": term}
        )
        return tuple(row.one())


async def test_terms_without_kind_or_grades_keep_the_old_rules_until_schedule_tells(
    school: Any, journal: Any
) -> None:
    """A term projected before migration 0008 (or by a publisher leaving them out) has no
    kind and no grades: any grade may name it and a half-year is told by its length."""
    w, call, _ = school
    year = uuid.uuid4()
    short = Term(days(-30), days(30), 1, calendar_pb2.TERM_KIND_UNSPECIFIED, ())
    long = Term(days(-150), days(10), 2, calendar_pb2.TERM_KIND_UNSPECIFIED, ())
    await publish_year(w, year, [message(w, year, short), message(w, year, long)])
    assert await terms_row(journal, w, short.id) == (None, None, False)

    body = final(w, "s1", w.math, "term", short.id)
    assert (await put_final(call, "math_5a", body)).status_code == 200
    by_length = await put_final(call, "math_5a", final(w, "s1", w.math, "half_year", short.id))
    assert refusal(by_length) == (422, "kind", "kind_not_for_term")
    long_half = await put_final(call, "math_5a", final(w, "s1", w.math, "half_year", long.id))
    assert long_half.status_code == 200, long_half.text

    # Schedule tells: the short term is a quarter of the upper grades.
    told = Term(short.starts, short.ends, 1, QUARTER, UPPER, short.id)
    await publish_year(w, year, [message(w, year, told)])
    assert await terms_row(journal, w, short.id) == ("quarter", [10, 11], False)
    # A TermClosed leaving kind and grades out keeps them.
    await w.publish("schedule", se.TermClosed(term=message(w, year, short, closed=True)))
    assert await terms_row(journal, w, short.id) == ("quarter", [10, 11], True)
    await publish_year(w, year, [message(w, year, told)])  # delivered again: still closed
    assert await terms_row(journal, w, short.id) == ("quarter", [10, 11], True)

    again = await put_final(call, "math_5a", {**body, "value": "5", "reason": "пересмотр"})
    assert refusal(again) == (422, "term_id", "term_not_for_grade")
    # The mark set while the grades were unknown can still be taken back (with the permit a
    # closed term asks for).
    await permit(call, short.id, "math_5a")
    gone = await delete_final(call, "math_5a", body, "не та параллель")
    assert gone.status_code == 200 and gone.json()["deleted"] is True, gone.text

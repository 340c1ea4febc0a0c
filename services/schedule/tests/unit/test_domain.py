"""The timetable's rules without a database: weeks A/B, collisions, planning, regeneration."""

from __future__ import annotations

import uuid
from dataclasses import replace
from datetime import date, time

from tabel_schedule.domain.bells import BellBook, BellSchedule, Period
from tabel_schedule.domain.calendar import AcademicYear, Holiday, Term, TermKind, year_problems
from tabel_schedule.domain.lessons import reconcile
from tabel_schedule.domain.planning import plan_lessons
from tabel_schedule.domain.timetable import Entry, Weeks, collisions, week_of

U = uuid.uuid4
CLASS_A, CLASS_B, GROUP_1, GROUP_2 = U(), U(), U(), U()
YEAR_START = date(2026, 9, 1)


def make_entry(**values: object) -> Entry:
    base = Entry(
        id=U(),
        weekday=1,
        shift=1,
        period=1,
        starts=time(8, 30),
        ends=time(9, 15),
        weeks=Weeks.EVERY,
        subject_id=U(),
        teacher_id=U(),
        class_ids=frozenset({CLASS_A}),
        study_group_ids=frozenset(),
        room_id=U(),
        valid_from=YEAR_START,
        valid_to=date(2027, 5, 31),
    )
    return replace(base, **values)  # type: ignore[arg-type]


def make_year() -> AcademicYear:
    return AcademicYear(
        id=U(),
        school_id=U(),
        start_year=2026,
        starts_on=YEAR_START,
        ends_on=date(2027, 5, 31),
        terms=[
            Term(U(), TermKind.HALF_YEAR, 1, (5,), YEAR_START, date(2026, 12, 28)),
            Term(U(), TermKind.HALF_YEAR, 2, (5,), date(2027, 1, 12), date(2027, 5, 26)),
        ],
        holidays=[Holiday(U(), "Осенние", date(2026, 10, 26), date(2026, 11, 3))],
    )


def test_weeks_alternate_from_the_first_week_of_the_year() -> None:
    assert week_of(date(2026, 9, 1), YEAR_START) is Weeks.A
    assert week_of(date(2026, 9, 6), YEAR_START) is Weeks.A
    assert week_of(date(2026, 9, 7), YEAR_START) is Weeks.B
    assert week_of(date(2026, 9, 14), YEAR_START) is Weeks.A


def test_collisions_name_teacher_room_class_and_students() -> None:
    first = make_entry(study_group_ids=frozenset({GROUP_1}))
    parallel_group = make_entry(study_group_ids=frozenset({GROUP_2}))
    assert collisions(parallel_group, [first], {}) == []
    same_teacher = make_entry(teacher_id=first.teacher_id, class_ids=frozenset({CLASS_B}))
    assert [c.kind for c in collisions(same_teacher, [first], {})] == ["teacher"]
    same_room = make_entry(room_id=first.room_id, class_ids=frozenset({CLASS_B}))
    assert [c.kind for c in collisions(same_room, [first], {})] == ["room"]
    whole_class = make_entry()
    assert [c.kind for c in collisions(whole_class, [first], {})] == ["class"]
    other_week = make_entry(weeks=Weeks.B)
    assert collisions(other_week, [make_entry(weeks=Weeks.A)], {}) == []
    later = make_entry(starts=time(9, 15), ends=time(10, 0))
    assert collisions(later, [first], {}) == []
    student = U()
    cross = make_entry(class_ids=frozenset({CLASS_B}))
    found = collisions(
        cross, [first], {GROUP_1: frozenset({student}), CLASS_B: frozenset({student})}
    )
    assert [(c.kind, c.ids) for c in found] == [("student", (student,))]


def test_planning_skips_holidays_and_days_outside_terms_and_uses_shortened_bells() -> None:
    year = make_year()
    regular = BellSchedule(U(), "1", 1, [Period(1, time(8, 30), time(9, 15))])
    short = BellSchedule(U(), "short", 1, [Period(1, time(8, 30), time(9, 0))], shortened=True)
    book = BellBook({1: regular}, {(date(2026, 12, 28), 1): short})
    entry = make_entry()
    lessons = plan_lessons(
        year=year,
        entries=[entry],
        grade_of={CLASS_A: 5},
        bells=book,
        start=year.starts_on,
        end=year.ends_on,
    )
    days = [x.day for x in lessons]
    assert date(2026, 9, 7) in days and date(2026, 10, 26) not in days  # autumn holidays
    assert date(2027, 1, 4) not in days  # between the half-years
    assert all(d.isoweekday() == 1 for d in days)
    on_short = next(x for x in lessons if x.day == date(2026, 12, 28))
    assert (on_short.ends_at - on_short.starts_at).seconds == 30 * 60
    again = plan_lessons(
        year=year,
        entries=[entry],
        grade_of={CLASS_A: 5},
        bells=book,
        start=year.starts_on,
        end=year.ends_on,
    )
    assert [x.id for x in again] == [x.id for x in lessons]


def test_reconcile_never_touches_lessons_with_journal_entries() -> None:
    year = make_year()
    book = BellBook(
        {
            1: BellSchedule(
                U(),
                "1",
                1,
                [Period(1, time(8, 30), time(9, 15)), Period(2, time(9, 25), time(10, 10))],
            )
        }
    )
    entry = make_entry()
    old = plan_lessons(
        year=year,
        entries=[entry],
        grade_of={CLASS_A: 5},
        bells=book,
        start=date(2026, 9, 1),
        end=date(2026, 9, 30),
    )
    moved = replace(entry, period=2, starts=time(9, 25), ends=time(10, 10))
    new = plan_lessons(
        year=year,
        entries=[moved],
        grade_of={CLASS_A: 5},
        bells=book,
        start=date(2026, 9, 1),
        end=date(2026, 9, 30),
    )
    plan = reconcile(new, old, with_entries={old[0].id})
    assert [(k.lesson.id, k.reason) for k in plan.kept] == [(old[0].id, "has_journal_entries")]
    assert "period" in plan.kept[0].differs
    assert len(plan.update) == len(old) - 1 and not plan.create and not plan.remove


def test_year_problems_find_overlaps_and_mixed_kinds() -> None:
    year = make_year()
    assert year_problems(year) == []
    year.terms.append(Term(U(), TermKind.QUARTER, 1, (5,), date(2026, 9, 1), date(2026, 10, 1)))
    assert {p["code"] for p in year_problems(year)} == {"mixed_term_kinds"}

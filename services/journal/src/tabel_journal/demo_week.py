"""Which lessons the demo journal fills: 5А's maths lessons of the newest school week up to
today, as schedule published them (`tabel-dev up` seeds the journal after schedule's events
have been applied). A journal running without schedule — its benchmark, its tests — gets a
week of lessons it makes itself, in a term of its own."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from uuid import UUID

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from tabel_journal.adapters import projections as p
from tabel_platform.demo import demo_id

SCHOOL = demo_id("school/1")
CLASS = demo_id("school/1/class/5А")
MATH = demo_id("school/1/subject/Математика")  # schedule's demo subject id
TEACHER = demo_id("school/1/person/teacher/3")  # roster's teacher 3 teaches maths in 5А
OWN_TERM = demo_id("school/1/term/2")  # the term of the journal's own lessons

_CLASS_MATHS = """FROM lessons l
 WHERE l.school_id = :s AND :c = ANY(l.class_ids) AND cardinality(l.study_group_ids) = 0
   AND l.subject_id = :m AND l.term_id IS DISTINCT FROM :own AND NOT l.cancelled"""
_NEWEST_WEEK = text(f"""SELECT l.lesson_id, l.date, l.term_id {_CLASS_MATHS}
   AND l.date <= :today
   AND date_trunc('week', l.date) = (SELECT date_trunc('week', max(l.date)) {_CLASS_MATHS}
                                        AND l.date <= :today)
 ORDER BY l.date, l.period""")
_NEXT_DAY_LESSON = text(f"""SELECT l.lesson_id {_CLASS_MATHS} AND l.date > :after
 ORDER BY l.date, l.period LIMIT 1""")


@dataclass(frozen=True)
class DemoWeek:
    marked: list[UUID]  # the lessons to fill, oldest first
    due: UUID  # the lesson the first lesson's homework is due at
    term_id: UUID
    from_schedule: bool


async def demo_week(session: AsyncSession, today: date) -> DemoWeek:
    params = {"s": SCHOOL, "c": CLASS, "m": MATH, "own": OWN_TERM, "today": today}
    rows = (await session.execute(_NEWEST_WEEK, params)).all()
    if not rows:
        return await own_week(session, today)
    after = {**params, "after": rows[0].date}
    due = (await session.execute(_NEXT_DAY_LESSON, after)).scalar()
    return DemoWeek(
        marked=[r.lesson_id for r in rows],
        due=due or rows[-1].lesson_id,  # no later lesson at all: the first day's last
        term_id=rows[0].term_id,
        from_schedule=True,
    )


async def own_week(session: AsyncSession, today: date) -> DemoWeek:
    """This week's maths lessons of 5А (2nd period, Monday to Friday) in a term of its own."""
    monday = today - timedelta(days=today.weekday())
    await p.upsert(
        session,
        "terms",
        ("school_id", "term_id"),
        {
            "school_id": SCHOOL,
            "term_id": OWN_TERM,
            "academic_year_id": demo_id("school/1/year"),
            "number": 2,
            "starts_on": monday - timedelta(days=40),
            "ends_on": monday + timedelta(days=40),
            "closed": False,
        },
    )
    lessons = []
    for i in range(5):
        day = monday + timedelta(days=i)
        lesson = demo_id(f"school/1/lesson/5А/math/{day.isoformat()}")
        start = datetime(day.year, day.month, day.day, 6, 0, tzinfo=UTC)
        await p.save_lesson(
            session,
            p.lesson_row(
                school_id=SCHOOL, lesson_id=lesson, day=day, period=2, starts_at=start,
                ends_at=start + timedelta(minutes=45), subject_id=MATH,
                subject_name="Математика", teacher_id=TEACHER, substitute_teacher_id=None,
                class_ids=[CLASS], study_group_ids=[], term_id=OWN_TERM, room_name="214",
                cancelled=False, changed=False,
            ),
        )  # fmt: skip
        lessons.append(lesson)
    return DemoWeek(
        marked=lessons[: max(1, today.weekday() + 1)],
        due=lessons[1],
        term_id=OWN_TERM,
        from_schedule=False,
    )

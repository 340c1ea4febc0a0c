"""The pre-aggregated progress follows the events whatever order they arrive in, and
always equals a computation from scratch over the read models."""

from __future__ import annotations

from typing import Any

from sqlalchemy import text

from tabel.schedule.v1 import events_pb2 as schedule
from tabel.schedule.v1 import lessons_pb2
from tabel_platform.testing import ServiceHandle
from tabel_reporting.adapters.progress_cells import refresh_everything
from tabel_reporting.testing import EventPublisher, dump, pb_date, wait_applied
from tabel_reporting.testing_class import HandComputedClass

PROGRESS = ("progress_contributions", "progress_cells", "progress_cohorts")


async def cells(handle: ServiceHandle) -> dict[str, tuple[Any, ...]]:
    async with handle.runtime.db.transaction(school_id=None, all_schools=True) as session:
        rows = await session.execute(
            text(
                "SELECT subject_key, grade_level, term_number, n5, n4, n3, n2, n_na, exempt, n, "
                "sum_weighted, sum_weights FROM progress_cells"
            )
        )
        return {r[0]: tuple(r[1:]) for r in rows}


async def from_scratch(handle: ServiceHandle) -> dict[str, Any]:
    async with handle.runtime.db.transaction(school_id=None, all_schools=True) as session:
        await refresh_everything(session)
    return {t: rows for t, rows in (await dump(handle)).items() if t in PROGRESS}


async def test_marks_before_the_class_the_term_and_the_subject_names(
    reporting: ServiceHandle, publisher: EventPublisher
) -> None:
    world = HandComputedClass()
    count = 0
    for payload in world.journal_events():  # the journal's stream is ahead of the others
        await publisher.publish(payload, school_id=world.school_id, person_id=world.teacher_id)
        count += 1
    for payload in [*world.schedule_events(), *world.roster_events()]:
        await publisher.publish(payload, school_id=world.school_id)
        count += 1
    await wait_applied(reporting, count)

    # Hand-computed (see test_class_progress): math 5:2 4:1 3:1 2:1 н/а:1, осв 1, N=6;
    # weighted marks of the counted students 14+13+10+7+0+7 = 51 over 3+3+3+3+0+2 = 14.
    # Russian 5:2 4:2 3:2 2:1, N=7, 26 over 7.
    assert await cells(reporting) == {
        "математика": (7, 1, 2, 1, 1, 1, 1, 1, 6, 51, 14),
        "русский язык": (7, 1, 2, 2, 2, 1, 0, 0, 7, 26, 7),
    }
    incremental = {t: rows for t, rows in (await dump(reporting)).items() if t in PROGRESS}
    assert incremental == await from_scratch(reporting)

    # The school renames the subject: its results are filed under the new name.
    renamed = lessons_pb2.Lesson(
        id=str(world.lessons["math"][0]),
        school_id=str(world.school_id),
        date=pb_date(world.lesson_date("math", 0)),
        period=1,
        subject=lessons_pb2.Subject(id=str(world.math_id), name="Алгебра"),
        class_ids=[str(world.class_id)],
        term_id=str(world.term_id),
        status=lessons_pb2.LESSON_STATUS_SCHEDULED,
    )
    await publisher.publish(schedule.LessonChanged(lesson=renamed), school_id=world.school_id)
    await wait_applied(reporting, count + 1)
    assert set(await cells(reporting)) == {"алгебра", "русский язык"}

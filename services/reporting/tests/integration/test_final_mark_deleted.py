"""A final mark the journal deletes (FinalMarkDeleted) leaves the read models: the term's
progress falls back to the average of the marks, a year mark leaves the report card, and the
incremental aggregates and a replay still equal a computation from scratch."""

from __future__ import annotations

from typing import Any
from uuid import uuid4

from sqlalchemy import text

from tabel.journal.v1 import events_pb2 as journal
from tabel.journal.v1 import marks_pb2
from tabel_platform.events.envelope import Actor, make_envelope, subject_of
from tabel_platform.testing import ServiceHandle
from tabel_platform.waiting import eventually
from tabel_reporting.adapters.progress_cells import refresh_everything
from tabel_reporting.service_layer.rebuild import rebuild
from tabel_reporting.testing import EventPublisher, applied, dump, wait_applied
from tabel_reporting.testing_class import HandComputedClass

from .test_progress_cells import cells


async def final_marks(handle: ServiceHandle) -> list[tuple[Any, ...]]:
    async with handle.runtime.db.transaction(school_id=None, all_schools=True) as session:
        rows = await session.execute(text("SELECT kind, value FROM final_marks ORDER BY kind"))
        return [tuple(r) for r in rows]


def final(world: HandComputedClass, kind: int, value: str) -> marks_pb2.FinalMark:
    """Student 7's maths mark: a term mark carries its term, a year mark only its year."""
    return marks_pb2.FinalMark(
        id=str(uuid4()),
        school_id=str(world.school_id),
        student_id=str(world.students[7]),
        subject_id=str(world.math_id),
        kind=kind,
        academic_year_id=str(world.year_id),
        term_id=str(world.term_id) if kind == marks_pb2.FINAL_MARK_KIND_TERM else "",
        value=value,
        teacher_id=str(world.teacher_id),
    )


async def test_deleted_final_marks_leave_the_read_models_and_the_progress(
    reporting: ServiceHandle, publisher: EventPublisher
) -> None:
    world = HandComputedClass()
    total = await world.publish(publisher)
    year = final(world, marks_pb2.FINAL_MARK_KIND_YEAR, "4")
    await publisher.publish(
        journal.FinalMarkSet(final_mark=year), school_id=world.school_id, person_id=world.teacher_id
    )
    await wait_applied(reporting, total + 1)
    assert await final_marks(reporting) == [(1, "5"), (2, "4")]
    # Student 7's term mark "5" counts instead of their 3.5 average: n5 = 2, n4 = 1.
    assert (await cells(reporting))["математика"][2:4] == (2, 1)

    for mark in (final(world, marks_pb2.FINAL_MARK_KIND_TERM, "5"), year):
        await publisher.publish(
            journal.FinalMarkDeleted(final_mark=mark, reason="выставлена ошибочно"),
            school_id=world.school_id,
            person_id=world.teacher_id,
        )
    total += 3
    await wait_applied(reporting, total)
    assert await final_marks(reporting) == []
    # Now their 3.5 average rounds to a 4: n5 = 1, n4 = 2; the marks' sums are unchanged.
    assert await cells(reporting) == {
        "математика": (7, 1, 1, 2, 1, 1, 1, 1, 6, 51, 14),
        "русский язык": (7, 1, 2, 2, 2, 1, 0, 0, 7, 26, 7),
    }
    incremental = await dump(reporting)
    async with reporting.runtime.db.transaction(school_id=None, all_schools=True) as session:
        await refresh_everything(session)
    assert await dump(reporting) == incremental

    await rebuild(runtime=reporting.runtime)
    await eventually(lambda: applied(reporting), lambda n: n == total, timeout=30)
    assert await dump(reporting) == incremental, "a replay deletes them again"


async def test_a_set_older_than_the_deletion_arriving_after_it_stays_deleted(
    reporting: ServiceHandle, publisher: EventPublisher
) -> None:
    world = HandComputedClass()
    total = await world.publish(publisher)
    await wait_applied(reporting, total)
    mark = final(world, marks_pb2.FINAL_MARK_KIND_YEAR, "4")
    actor = Actor(kind="user", subject="teacher", person_id=str(world.teacher_id))
    # The set was made first, but reaches reporting only after the deletion (out of order).
    late_set = make_envelope(
        subject_of(journal.FinalMarkSet()), journal.FinalMarkSet(final_mark=mark),
        source="journal", school_id=world.school_id, actor=actor,
    )  # fmt: skip
    await publisher.publish(
        journal.FinalMarkDeleted(final_mark=mark, reason="выставлена ошибочно"),
        school_id=world.school_id,
        person_id=world.teacher_id,
    )
    await publisher.send(late_set)
    await wait_applied(reporting, total + 2)
    assert (2, "4") not in await final_marks(reporting)

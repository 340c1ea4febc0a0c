"""The demo seed: a year of lessons for 5А, 5Б and 10А; running it again changes nothing."""

from __future__ import annotations

from typing import Any

from tabel_platform.demo import demo_id
from tabel_schedule.demo import SCHOOL, seed_demo
from tabel_schedule.testing import scalar


async def test_demo_seed_is_complete_and_idempotent(service: Any) -> None:
    runtime = service.runtime
    lines = await seed_demo(runtime)
    print("\n".join(lines))
    assert any("четверти для 1–9 классов, полугодия для 10–11" in line for line in lines)
    count = "SELECT count(*) FROM lessons WHERE school_id = :s"
    lessons = await scalar(runtime, count, s=SCHOOL)
    assert f"уроков на год создано: {lessons}" in "\n".join(lines) and lessons > 2000
    merged = await scalar(
        runtime,
        "SELECT count(*) FROM timetable_entries"
        " WHERE cardinality(class_ids) = 2 AND school_id = :s",
        s=SCHOOL,
    )
    assert merged == 2
    teacher_1 = demo_id("school/1/person/teacher/1")
    assert (
        await scalar(
            runtime, "SELECT count(*) FROM teaching_assignments WHERE teacher_id = :t", t=teacher_1
        )
        >= 2
    )
    assert await seed_demo(runtime) == ["schedule: Школа № 1 — расписание на 2026/2027 уже есть"]
    assert await scalar(runtime, count, s=SCHOOL) == lessons

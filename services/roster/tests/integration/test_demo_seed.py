"""The demo seed: what `make up` shows, deterministic and idempotent."""

from __future__ import annotations

from datetime import date
from typing import Any

from tabel_platform.demo import demo_id
from tabel_roster.demo import seed_demo
from tabel_roster.domain.classes import academic_year_of
from tabel_roster.service_layer import classes, people


async def test_seed_builds_school_1_once(roster: Any) -> None:
    lines = await seed_demo(roster.runtime)
    assert any("75 учащихся" in line for line in lines), lines
    again = await seed_demo(roster.runtime)
    assert any("уже есть классы" in line for line in again)
    rt, school = roster.runtime, demo_id("school/1")
    found = await classes.list_classes(
        runtime=rt, school_id=school, year=academic_year_of(date.today()), grade=None
    )
    assert [c.name for c in found] == ["5А", "5Б", "10А"]
    assert all(c.class_teacher_id for c in found)
    members = await classes.class_members(
        runtime=rt, school_id=school, class_id=demo_id("school/1/class/5А"), on=date.today()
    )
    assert len(members) == 25
    no_consent = await people.get_person(
        runtime=rt, school_id=school, person_id=demo_id("school/1/person/student/5А/4")
    )
    assert no_consent.consent == 0 and no_consent.data.present() == []
    director = await people.get_person(
        runtime=rt, school_id=school, person_id=demo_id("school/1/person/teacher/1")
    )
    assert director.positions == ["director", "teacher"]

"""The demo region's roster part: fixed ids, so running the seed again changes nothing."""

from __future__ import annotations

import contextlib
from uuid import UUID, uuid5

from tabel_platform.errors import Conflict, NotFound
from tabel_platform.events.envelope import Actor
from tabel_platform.runtime import Runtime
from tabel_roster.service_layer.schools import CreateSchool, create_school, get_school

DEMO = UUID("6f1c2a44-0000-4000-8000-000000000001")
MUNICIPALITY = uuid5(DEMO, "municipality/demo-city")
SCHOOLS = [
    (
        uuid5(DEMO, "school/1"),
        "МБОУ «Средняя общеобразовательная школа № 1»",
        "Школа № 1",
        ["school1.localhost"],
    ),
    (uuid5(DEMO, "school/2"), "МБОУ «Гимназия № 2»", "Гимназия № 2", ["gym2.localhost"]),
]


async def seed_demo(runtime: Runtime) -> list[str]:
    lines = []
    for school_id, name, short, domains in SCHOOLS:
        try:
            await get_school(runtime=runtime, school_id=school_id)
            lines.append(f"roster: {short} уже есть ({domains[0]})")
            continue
        except NotFound:
            pass
        with contextlib.suppress(Conflict):  # a parallel seed got there first
            await create_school(
                runtime=runtime,
                command=CreateSchool(
                    municipality_id=MUNICIPALITY,
                    name=name,
                    short_name=short,
                    domains=domains,
                    school_id=school_id,
                ),
                actor=Actor.system(),
            )
        lines.append(f"roster: создана {short} ({domains[0]}), id {school_id}")
    return lines

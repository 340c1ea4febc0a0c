"""A generated school for the schedule benchmark: `classes` classes (grades 5..11) of 25
students, a teacher and a home room per class, 12 subjects, 6 lessons a day 5 days a week
(30 a week) arranged so that nobody is in two places (a Latin square over the slots)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from typing import Any
from uuid import UUID

import httpx
from sqlalchemy import text

from tabel_schedule.testing import BELLS, YEAR

SUBJECTS = (
    "Русский язык", "Литература", "Математика", "Алгебра", "Геометрия", "История",
    "Обществознание", "География", "Биология", "Физика", "Химия", "Английский язык",
)  # fmt: skip
STUDENTS_PER_CLASS = 25
PERIODS = 6


@dataclass
class BenchSchool:
    year_id: UUID
    students: list[UUID] = field(default_factory=list)


async def _post(client: httpx.AsyncClient, path: str, body: Any, headers: dict[str, str]) -> Any:
    response = await client.post(path, json=body, headers=headers)
    assert response.status_code == 201, response.text
    return response.json()


async def seed_school(
    client: httpx.AsyncClient,
    runtime: Any,
    school_id: UUID,
    headers: dict[str, str],
    classes: int,
) -> BenchSchool:
    class_ids = [uuid.uuid4() for _ in range(classes)]
    teachers = [uuid.uuid4() for _ in range(classes)]
    school = BenchSchool(year_id=uuid.uuid4())
    # Roster's projection as its events would leave it (written directly: this is data setup).
    async with runtime.db.transaction(school_id=school_id) as session:
        await session.execute(
            text(
                "INSERT INTO people (id, school_id, kinds, positions, last_name, first_name,"
                " middle_name) VALUES (:id, :s, '{staff}', '{teacher}', 'Учитель', '', '')"
            ),
            [{"id": t, "s": school_id} for t in teachers],
        )
        for n, cid in enumerate(class_ids):
            grade = 5 + n % 7
            await session.execute(
                text("INSERT INTO classes VALUES (:id, :s, :name, :grade)"),
                {"id": cid, "s": school_id, "name": f"{grade}-{n}", "grade": grade},
            )
            rows = []
            for _ in range(STUDENTS_PER_CLASS):
                student = uuid.uuid4()
                school.students.append(student)
                rows.append({"id": uuid.uuid4(), "s": school_id, "p": student, "c": cid})
            await session.execute(
                text(
                    "INSERT INTO memberships (id, school_id, person_id, class_id, starts_on)"
                    " VALUES (:id, :s, :p, :c, DATE '2026-09-01')"
                ),
                rows,
            )
    year = await _post(client, "/v1/academic-years", YEAR, headers)
    school.year_id = UUID(year["id"])
    periods = [
        {"number": n, "starts": a, "ends": b}
        for n, (a, b) in enumerate([*BELLS, ("12:30", "13:15"), ("13:25", "14:10")], start=1)
    ][:PERIODS]
    await _post(
        client, "/v1/bell-schedules", {"name": "1", "shift": 1, "periods": periods}, headers
    )
    building = await _post(client, "/v1/buildings", {"name": "Главное"}, headers)
    rooms = [
        (
            await _post(
                client, "/v1/rooms", {"building_id": building["id"], "name": str(n)}, headers
            )
        )["id"]
        for n in range(classes)
    ]
    subjects = [
        (await _post(client, "/v1/subjects", {"name": name}, headers))["id"] for name in SUBJECTS
    ]
    entries = [
        {
            "weekday": day,
            "period": period,
            "subject_id": subjects[(period + day + c) % len(subjects)],
            "teacher_id": str(teachers[(c + period + PERIODS * day) % classes]),
            "class_ids": [str(cid)],
            "room_id": rooms[c],
        }
        for day in range(1, 6)
        for period in range(1, PERIODS + 1)
        for c, cid in enumerate(class_ids)
    ]
    await _post(
        client,
        "/v1/timetable/entries",
        {"academic_year_id": str(school.year_id), "entries": entries},
        headers,
    )
    return school

"""A substitution in schedule grants, and its removal ends, the substitute's journal rights.

Identity (the embedded OIDC provider), schedule and the journal run in-process on real
PostgreSQL and a private NATS server, so only their own durable consumers read its streams;
roster's facts are published to that NATS as roster publishes them. Grants are real (identity's
GrantAdded reaches schedule and the journal over NATS), tokens are real, the lesson is
materialised by schedule and reaches the journal as LessonScheduled, the substitution as
SubstitutionMade/SubstitutionEnded and LessonChanged. No call goes from the journal to schedule.
"""

from __future__ import annotations

import secrets
import uuid
from typing import Any

import httpx

from tabel_identity.testing import identity_provider
from tabel_journal.bootstrap import SPEC as JOURNAL
from tabel_platform.testing import serve_in_process
from tabel_platform.waiting import eventually
from tabel_schedule.bootstrap import SPEC as SCHEDULE
from tabel_schedule.testing import School, add_entries, entry, scalar, set_up

MONDAY = "2026-11-16"  # second quarter of the set-up year, before "today" of the suite


class Person:
    """One person of the school with an account at identity, their grants, and a token."""

    def __init__(self, provider: Any, school_id: uuid.UUID, person_id: uuid.UUID) -> None:
        self.provider, self.school_id, self.id = provider, school_id, person_id
        self.http = httpx.AsyncClient(timeout=30)
        self.token = ""

    async def log_in(self, *roles: str) -> Person:
        user, password = f"u{secrets.token_hex(6)}", f"Pw1-{secrets.token_urlsafe(12)}"
        account = await self.provider.create_account(
            user, password, person_id=self.id, school_ids=[self.school_id]
        )
        for role in roles:
            await self.provider.grant(account, role, school_id=self.school_id)
        self.token = await self.provider.password_token(user, password)
        return self

    async def request(self, method: str, url: str, **kwargs: Any) -> httpx.Response:
        headers = {"authorization": f"Bearer {self.token}", "x-tabel-school": str(self.school_id)}
        return await self.http.request(method, url, headers=headers, **kwargs)


class ScheduleApi:
    """What `tabel_schedule.testing.set_up` needs: the administrator's calls to schedule."""

    def __init__(self, admin: Person, base: str) -> None:
        self.admin, self.base, self.school_id = admin, base, admin.school_id

    async def call(self, method: str, path: str, *, expect: int = 200, **kwargs: Any) -> Any:
        response = await self.admin.request(method, f"{self.base}{path}", **kwargs)
        assert response.status_code == expect, response.text
        return response.json() if response.content else None


def journal_of(journal: Any, lesson: str) -> str:
    return f"{journal.http_url}/v1/journal/lessons/{lesson}/journal"


async def save_mark(
    journal: Any, who: Person, lesson: str, student: uuid.UUID, topic: str = "Сложение дробей"
) -> Any:
    mark = {"id": str(uuid.uuid4()), "student_id": str(student), "value": "5", "work_type": "oral"}
    body = {"topic": topic, "marks": [mark]}
    return await who.request("PUT", journal_of(journal, lesson), json=body)


async def status_of(journal: Any, who: Person, lesson: str) -> int:
    return (await who.request("GET", journal_of(journal, lesson))).status_code


async def test_substitute_gets_the_lessons_journal_and_loses_it(
    make_database: Any, own_nats_server: Any, tmp_path: Any
) -> None:
    nats_url = own_nats_server.url
    identity_db = await make_database(migrations="tabel_identity:migrations")
    schedule_db = await make_database(migrations="tabel_schedule:migrations")
    journal_db = await make_database(migrations="tabel_journal:migrations")
    async with identity_provider(database_url=identity_db, nats_url=nats_url) as provider:
        trust = {"oidc_issuers": provider.issuer, "oidc_audience": provider.audience}
        async with (
            serve_in_process(SCHEDULE, database_url=schedule_db, nats_url=nats_url, **trust) as sch,
            serve_in_process(
                JOURNAL,
                database_url=journal_db,
                nats_url=nats_url,
                attachments_dir=str(tmp_path),
                **trust,
            ) as journal,
        ):
            await substitution_flow(provider, sch, journal)


async def substitution_flow(provider: Any, sch: Any, journal: Any) -> None:
    school_id = uuid.uuid4()
    admin = await Person(provider, school_id, uuid.uuid4()).log_in("administrator")
    granted = "SELECT count(*) FROM grants WHERE school_id = :s AND person_id = :p"
    await eventually(lambda: scalar(sch.runtime, granted, s=school_id, p=admin.id), bool)
    api = ScheduleApi(admin, sch.http_url)
    school: School = await set_up(api, sch.runtime)  # roster's facts over NATS, year, bells
    regular, substitute = school.teachers[0], school.teachers[1]
    math, physics = school.subjects["Математика"], school.subjects["Физика"]
    for person_id, subject, class_name in ((regular, math, "5А"), (substitute, physics, "5Б")):
        body = {"academic_year_id": str(school.year_id), "teacher_id": str(person_id),
                "subject_id": str(subject), "class_id": str(school.classes[class_name]),
                "weekly_hours": 4}  # fmt: skip
        await api.call("POST", "/v1/teaching-assignments", json=body, expect=201)
    await add_entries(
        api,
        school,
        entry(school, weekday=1, period=1, subject="Математика", teacher=0, classes=["5А"]),
        entry(school, weekday=1, period=2, subject="Физика", teacher=1, classes=["5Б"]),
        entry(school, weekday=1, period=3, subject="Математика", teacher=0, classes=["5А"]),
    )
    await api.call("POST", f"/v1/academic-years/{school.year_id}/materialise", json={})
    week = await api.call("GET", f"/v1/weeks?date={MONDAY}&class_id={school.classes['5А']}")
    on_monday = sorted((x["period"], x["id"]) for x in week["lessons"] if x["date"] == MONDAY)
    (_, lesson), (_, other_lesson) = on_monday
    theirs = await api.call("GET", f"/v1/weeks?date={MONDAY}&class_id={school.classes['5Б']}")
    own_lesson = next(x["id"] for x in theirs["lessons"] if x["date"] == MONDAY)

    teacher = await Person(provider, school_id, substitute).log_in("teacher")
    owner = await Person(provider, school_id, regular).log_in("teacher")
    anya = school.students["anya"]
    # The journal has taken in grants, assignments and lessons: each teaches their own lesson.
    await eventually(lambda: status_of(journal, teacher, own_lesson), lambda s: s == 200)
    await eventually(lambda: status_of(journal, owner, lesson), lambda s: s == 200)
    refused = await save_mark(journal, teacher, lesson, anya)
    assert refused.status_code == 403 and refused.json()["code"] == "lesson_forbidden"

    made = {"substitute_teacher_id": str(substitute), "reason": "Болезнь учителя"}
    await api.call("PUT", f"/v1/lessons/{lesson}/substitute", json=made)
    await eventually(lambda: status_of(journal, teacher, lesson), lambda s: s == 200)
    saved = await save_mark(journal, teacher, lesson, anya)
    assert saved.status_code == 200, saved.text
    assert saved.json()["marks"][0]["taught_by"] == str(substitute)
    other = await save_mark(journal, teacher, other_lesson, anya)
    assert other.status_code == 403, "the substitution covers its own lesson, not the class"

    await api.call("DELETE", f"/v1/lessons/{lesson}/substitute")
    await eventually(lambda: status_of(journal, teacher, lesson), lambda s: s == 403)
    again = await save_mark(journal, teacher, lesson, anya)
    assert again.status_code == 403 and again.json()["code"] == "lesson_forbidden"
    # The lesson's own teacher writes it again, recorded as the one who teaches it.
    back = await save_mark(journal, owner, lesson, anya, topic="Сложение дробей: разбор")
    assert back.status_code == 200, back.text
    assert back.json()["record"]["taught_by"] == str(regular)
    for person in (admin, teacher, owner):
        await person.http.aclose()

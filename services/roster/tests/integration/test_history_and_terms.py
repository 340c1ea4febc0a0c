"""Ending a study-group membership, who led a class when, the consent history, and
schedule's terms (AcademicYearCreated over NATS) exported as OneRoster academicSessions."""

from __future__ import annotations

import uuid
from datetime import date, timedelta
from typing import Any

from sqlalchemy import text

from tabel.common.v1 import types_pb2
from tabel.schedule.v1 import calendar_pb2
from tabel.schedule.v1 import events_pb2 as schedule_events
from tabel_platform.events.envelope import Actor, make_envelope, subject_of
from tabel_platform.events.streams import ensure_stream
from tabel_platform.waiting import eventually
from tabel_roster.domain.classes import academic_year_of

YEAR = academic_year_of(date.today())
START = date(YEAR, 9, 1)
BASE = "/ims/oneroster/rostering/v1p2"


async def _class_with_student(admin: Any, grade: int = 6) -> tuple[str, str]:
    klass = await admin.post(
        "/v1/classes", json={"academic_year_start": YEAR, "grade_level": grade, "letter": "А"}
    )
    student = await admin.post(
        "/v1/people", json={"last_name": "Гусева", "first_name": "Лада", "kinds": ["student"]}
    )
    moved = await admin.post(
        "/v1/movements",
        json={"student_id": student.json()["id"], "kind": 1, "effective_on": str(START),
              "to_class_id": klass.json()["id"]},
    )  # fmt: skip
    assert moved.status_code == 201, moved.text
    return klass.json()["id"], student.json()["id"]


async def test_ending_a_group_membership(api: Any, roster: Any, make_school: Any) -> None:
    school = await make_school(roster)
    admin = await api(["secretary"], school)
    class_id, student = await _class_with_student(admin)
    group = await admin.post(
        "/v1/study-groups",
        json={"academic_year_start": YEAR, "name": "6А информатика 2", "class_id": class_id},
    )
    gid = group.json()["id"]
    joined = await admin.post(
        f"/v1/study-groups/{gid}/members", json={"person_id": student, "starts_on": str(START)}
    )
    mid = joined.json()["id"]
    end = f"/v1/study-groups/{gid}/members/{mid}/end"
    early = await admin.post(end, json={"ends_on": str(START - timedelta(days=1))})
    assert early.status_code == 422 and early.json()["code"] == "membership_end_before_start"
    teacher = await api(["teacher"], school)
    assert (await teacher.post(end, json={"ends_on": str(START)})).status_code == 403
    left = await admin.post(end, json={"ends_on": str(START + timedelta(days=30))})
    assert left.status_code == 200 and left.json()["ends_on"] == str(START + timedelta(days=30))
    again = await admin.post(end, json={"ends_on": str(START + timedelta(days=40))})
    assert again.status_code == 409 and again.json()["code"] == "membership_ended"
    enrolment = (await admin.get(f"/v1/students/{student}/enrolment")).json()
    class_membership = next(m["id"] for m in enrolment["memberships"] if m["class_id"])
    wrong = await admin.post(
        f"/v1/study-groups/{gid}/members/{class_membership}/end", json={"ends_on": str(START)}
    )
    assert wrong.status_code == 422 and wrong.json()["code"] == "not_a_group_membership"
    missing = await admin.post(
        f"/v1/study-groups/{gid}/members/{uuid.uuid4()}/end", json={"ends_on": str(START)}
    )
    assert missing.status_code == 404
    async with roster.runtime.db.transaction(school_id=school) as s:
        ended = await s.execute(
            text("SELECT count(*) FROM outbox WHERE subject = 'tabel.roster.membership.ended.v1'")
        )
    assert ended.scalar_one() == 1


async def test_class_teacher_history(api: Any, roster: Any, make_school: Any) -> None:
    school = await make_school(roster)
    admin = await api(["administrator"], school)
    class_id, _ = await _class_with_student(admin, grade=7)
    staff = [
        (await admin.post("/v1/people", json={"last_name": n, "first_name": "Ольга",
                                               "kinds": ["staff"]})).json()["id"]
        for n in ("Першина", "Вторая")
    ]  # fmt: skip
    changed_on = START + timedelta(days=60)
    for teacher, starts_on in ((staff[0], START), (staff[1], changed_on)):
        put = await admin.put(
            f"/v1/classes/{class_id}/class-teacher",
            json={"teacher_id": teacher, "starts_on": str(starts_on)},
        )
        assert put.status_code == 200
    history = (await admin.get(f"/v1/classes/{class_id}/class-teachers")).json()
    assert [(h["teacher_id"], h["starts_on"], h["ends_on"]) for h in history] == [
        (staff[0], str(START), str(changed_on - timedelta(days=1))),
        (staff[1], str(changed_on), None),
    ]
    other = (
        await admin.post("/v1/classes", json={"academic_year_start": YEAR, "grade_level": 8})
    ).json()["id"]
    lead_other = await api([("class_teacher", ("class", uuid.UUID(other)))], school)
    assert (await lead_other.get(f"/v1/classes/{class_id}/class-teachers")).status_code == 403
    assert (await lead_other.get(f"/v1/classes/{other}/class-teachers")).status_code == 200


async def test_consent_history(api: Any, roster: Any, make_school: Any) -> None:
    school = await make_school(roster)
    admin = await api(["administrator"], school)
    pid = (
        await admin.post(
            "/v1/people", json={"last_name": "Рябова", "first_name": "Нина", "kinds": ["student"]}
        )
    ).json()["id"]
    given = {"given_by": "Рябова Ирина Петровна", "document_ref": "№ 7"}
    await admin.post(f"/v1/people/{pid}/consents", json={**given, "status": 1})
    await admin.post(f"/v1/people/{pid}/consents", json={**given, "status": 3})
    history = (await admin.get(f"/v1/people/{pid}/consents")).json()
    assert [(h["status"], h["given_by"], h["document_ref"]) for h in history] == [
        (1, given["given_by"], "№ 7"),
        (3, given["given_by"], "№ 7"),
    ]
    assert history[0]["recorded_by"] and "birth_date" in history[0]["scope"]
    assert (
        await (await api(["teacher"], school)).get(f"/v1/people/{pid}/consents")
    ).status_code == 403
    unknown = await admin.get(f"/v1/people/{uuid.uuid4()}/consents")
    assert unknown.status_code == 404


def _day(d: date) -> types_pb2.Date:
    return types_pb2.Date(year=d.year, month=d.month, day=d.day)


async def test_schedule_terms_become_academic_sessions(
    api: Any, roster: Any, make_school: Any
) -> None:
    school = await make_school(roster)
    admin = await api(["administrator"], school)
    class_id, _ = await _class_with_student(admin, grade=5)
    year_id = uuid.uuid4()
    halves = [(START, date(YEAR, 12, 28)), (date(YEAR + 1, 1, 9), date(YEAR + 1, 5, 26))]
    terms = [
        calendar_pb2.Term(id=str(uuid.uuid4()), school_id=str(school),
                          academic_year_id=str(year_id), kind=calendar_pb2.TERM_KIND_HALF_YEAR,
                          number=n, grade_levels=[5, 6, 7], starts_on=_day(a), ends_on=_day(b))
        for n, (a, b) in enumerate(halves, start=1)
    ]  # fmt: skip
    created = schedule_events.AcademicYearCreated(
        academic_year=calendar_pb2.AcademicYear(
            id=str(year_id), school_id=str(school), start_year=YEAR, name=f"{YEAR}/{YEAR + 1}",
            starts_on=_day(START), ends_on=_day(date(YEAR + 1, 5, 31))),
        terms=terms,
    )  # fmt: skip
    # Published as schedule's relay publishes it: an envelope on schedule's stream.
    env = make_envelope(subject_of(created), created, source="schedule", school_id=school,
                        actor=Actor.system())  # fmt: skip
    js = roster.runtime.nats.js
    await ensure_stream(js, "schedule")
    await js.publish(subject_of(created), env.SerializeToString(), headers={"Nats-Msg-Id": env.id})

    async def sessions() -> list[dict[str, Any]]:
        return list((await admin.get(f"{BASE}/academicSessions")).json()["academicSessions"])

    found = await eventually(sessions, lambda s: len(s) == 3)
    year = next(s for s in found if s["type"] == "schoolYear")
    assert (year["startDate"], year["endDate"]) == (str(START), f"{YEAR + 1}-05-31")
    halves_read = [s for s in found if s["type"] == "semester"]
    assert [h["title"] for h in halves_read] == [
        f"{n} полугодие {YEAR}/{YEAR + 1} (5–7 кл.)" for n in (1, 2)
    ]
    assert all(h["parent"]["sourcedId"] == year["sourcedId"] for h in halves_read)
    assert len((await admin.get(f"{BASE}/terms")).json()["terms"]) == 2
    klass = (await admin.get(f"{BASE}/classes/{class_id}")).json()["class"]
    assert [t["sourcedId"] for t in klass["terms"]] == [t.id for t in terms]
    # The bundle carries the terms and re-imports into another school with the same classes.
    bundle = (await admin.get("/v1/oneroster/bundle")).content
    other = await make_school(roster)
    imported = await (await api(["administrator"], other)).post(
        "/v1/oneroster/bundle", files={"file": ("b.zip", bundle)}
    )
    assert imported.status_code == 200 and imported.json()["classes"] == 1, imported.text

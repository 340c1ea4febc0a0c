"""Access decided from identity's grants (real GrantAdded/Revoked, RoleRightsChanged and
PersonRightsChanged events over NATS, real tokens), one rule at a time, each with the wrong
person refused (DESIGN.md "Tenancy and access"; seeds 001, 003)."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

import pytest

from tabel.identity.v1 import events_pb2, grants_pb2
from tabel_platform.waiting import eventually
from tabel_roster.domain.classes import academic_year_of

YEAR = academic_year_of(date.today())
CONSENT = {"given_by": "Белова Анна Сергеевна", "document_ref": "согласие № 3"}


@pytest.fixture
async def school_world(api: Any, roster: Any, make_school: Any) -> dict[str, Any]:
    """A school with 5А and 5Б, a student in each (with consent and a birth date), a guardian
    of the 5А student, and a staff member."""
    school = await make_school(roster)
    admin = await api(["administrator"], school)

    async def post(path: str, body: dict[str, Any]) -> dict[str, Any]:
        response = await admin.post(path, json=body)
        assert response.status_code == 201, response.text
        return dict(response.json())

    def person(last: str, kind: str, **extra: Any) -> dict[str, Any]:
        return {"last_name": last, "first_name": "Анна", "kinds": [kind], **extra}

    a = await post("/v1/classes", {"academic_year_start": YEAR, "grade_level": 5, "letter": "А"})
    b = await post("/v1/classes", {"academic_year_start": YEAR, "grade_level": 5, "letter": "Б"})
    data = {"consent": CONSENT, "birth_date": "2015-03-01"}
    mine = await post("/v1/people", person("Белова", "student", **data))
    other = await post("/v1/people", person("Чернова", "student", **data))
    for student, klass in ((mine, a), (other, b)):
        await post(
            "/v1/movements",
            {"student_id": student["id"], "kind": 1, "effective_on": str(date.today()),
             "to_class_id": klass["id"]},
        )  # fmt: skip
    guardian = await post("/v1/people", person("Белова", "guardian"))
    await post(
        "/v1/guardianships",
        {"guardian_id": guardian["id"], "student_id": mine["id"], "relation": 1},
    )
    staff = await post("/v1/people", person("Зайцева", "staff", **data, positions=["teacher"]))
    return {"school": school, "admin": admin, "5А": a["id"], "5Б": b["id"], "mine": mine["id"],
            "other": other["id"], "guardian": guardian["id"], "staff": staff["id"]}  # fmt: skip


NEW_STUDENT = {"last_name": "Новикова", "first_name": "Ия", "kinds": ["student"]}
NEW_STAFF = {"last_name": "Новиков", "first_name": "Ян", "kinds": ["staff"]}


async def test_administrator_and_secretary_manage_others_do_not(
    api: Any, school_world: Any
) -> None:
    w = school_world
    school = w["school"]
    assert (
        await w["admin"].patch(f"/v1/schools/{school}", json={"school_week_days": 6})
    ).is_success
    secretary = await api(["secretary"], school)
    assert (await secretary.post("/v1/people", json=NEW_STUDENT)).status_code == 201
    card = (await secretary.get(f"/v1/people/{w['mine']}")).json()
    assert card["personal_data"]["birth_date"] == "2015-03-01"
    # The secretary keeps people, not the school's setup; management reads, never writes.
    refused = await secretary.patch(f"/v1/schools/{school}", json={"school_week_days": 5})
    assert refused.status_code == 403
    director = await api(["director"], school)
    assert (await director.get(f"/v1/people/{w['other']}")).json()["personal_data"]
    assert (await director.post("/v1/people", json=NEW_STUDENT)).status_code == 403
    assert (await director.get("/v1/oneroster/bundle")).status_code == 403
    # A teacher sees names, nothing more, and changes nothing.
    teacher = await api(["teacher"], school)
    assert (await teacher.get(f"/v1/people/{w['mine']}")).json()["personal_data"] is None
    new_class = {"academic_year_start": YEAR, "grade_level": 6}
    assert (await teacher.post("/v1/classes", json=new_class)).status_code == 403


async def test_hr_specialist_keeps_staff_records_only(api: Any, school_world: Any) -> None:
    w = school_world
    hr = await api(["hr_specialist"], w["school"])
    assert (await hr.post("/v1/people", json=NEW_STAFF)).status_code == 201
    changed = await hr.patch(f"/v1/people/{w['staff']}", json={"phone": "+7 900 111-22-33"})
    assert changed.status_code == 200 and changed.json()["personal_data"]["phone"]
    assert (await hr.post("/v1/people", json=NEW_STUDENT)).status_code == 403
    assert (await hr.patch(f"/v1/people/{w['mine']}", json={"first_name": "Ия"})).status_code == 403
    promote = await hr.patch(f"/v1/people/{w['staff']}", json={"kinds": ["staff", "guardian"]})
    assert promote.status_code == 403, "HR cannot turn staff into a guardian"


async def test_class_teacher_sees_their_class_only(api: Any, school_world: Any) -> None:
    w = school_world
    lead = await api([("class_teacher", ("class", w["5А"]))], w["school"])
    members = await lead.get(f"/v1/classes/{w['5А']}/members")
    assert members.status_code == 200 and [m["person"]["id"] for m in members.json()] == [w["mine"]]
    assert (await lead.get(f"/v1/people/{w['mine']}")).json()["personal_data"]["birth_date"]
    assert (await lead.get(f"/v1/classes/{w['5Б']}/members")).status_code == 403
    assert (await lead.get(f"/v1/people/{w['other']}")).status_code == 403
    assert (await lead.get("/v1/people")).status_code == 403, "no school-wide lists"
    # A teacher whom roster names class teacher of 5Б (school-wide teacher grant) sees its
    # students' personal data, and not 5А's.
    teacher_id = uuid.uuid4()
    await w["admin"].put(
        f"/v1/classes/{w['5Б']}/class-teacher",
        json={"teacher_id": w["staff"], "starts_on": str(date.today())},
    )
    assigned = await api(["teacher"], w["school"], w["staff"])
    assert (await assigned.get(f"/v1/people/{w['other']}")).json()["personal_data"]
    assert (await assigned.get(f"/v1/people/{w['mine']}")).json()["personal_data"] is None
    stranger = await api(["teacher"], w["school"], teacher_id)
    assert (await stranger.get(f"/v1/people/{w['other']}")).json()["personal_data"] is None


async def test_guardian_and_student_see_their_own(api: Any, school_world: Any) -> None:
    w = school_world
    parent = await api(["guardian"], w["school"], w["guardian"])
    child = await parent.get(f"/v1/people/{w['mine']}")
    assert child.status_code == 200 and child.json()["personal_data"]["birth_date"]
    enrolment = await parent.get(f"/v1/students/{w['mine']}/enrolment")
    assert enrolment.json()["school_class"]["id"] == w["5А"]
    assert (await parent.get(f"/v1/people/{w['other']}")).status_code == 403
    assert (await parent.get(f"/v1/students/{w['other']}/enrolment")).status_code == 403
    assert (await parent.get("/v1/people")).status_code == 403
    # A guardian grant without roster's link reaches no child.
    stranger = await api(["guardian"], w["school"])
    assert (await stranger.get(f"/v1/people/{w['mine']}")).status_code == 403

    student = await api(["student"], w["school"], w["mine"])
    own = await student.get(f"/v1/people/{w['mine']}")
    assert own.status_code == 200 and own.json()["personal_data"]["birth_date"]
    assert (await student.get(f"/v1/people/{w['mine']}/consents")).status_code == 200
    assert (await student.get(f"/v1/people/{w['other']}")).status_code == 403
    assert (await student.get(f"/v1/classes/{w['5А']}/members")).status_code == 403


async def identity_emits(oidc_provider: Any, school: uuid.UUID, message: Any) -> None:
    """Publish an identity event through identity's own outbox (what its rights endpoints
    emit; the session's provider has no school projection, so its own checks would refuse)."""
    async with oidc_provider.handle.runtime.uow(school_id=school) as uow:
        uow.emit(message, school_id=school)


async def test_revoked_and_changed_rights_apply(
    api: Any, school_world: Any, oidc_provider: Any, roster: Any
) -> None:
    w = school_world
    school = w["school"]
    username = f"u{uuid.uuid4().hex[:12]}"
    account = await oidc_provider.create_account(username, "Табель-тест-2026!", school_ids=[school])
    grant = await oidc_provider.grant(account, "secretary", school_id=school)
    token = await oidc_provider.password_token(username, "Табель-тест-2026!")
    secretary = w["admin"]
    secretary.headers["authorization"] = f"Bearer {token}"

    async def creates() -> int:
        return int((await secretary.post("/v1/people", json=NEW_STUDENT)).status_code)

    await eventually(creates, lambda s: s == 201)
    revoked = grants_pb2.Grant(id=str(grant.id), account_id=str(account), subject=str(account),
                               school_id=str(school), role=grants_pb2.ROLE_SECRETARY)  # fmt: skip
    await identity_emits(oidc_provider, school, events_pb2.GrantRevoked(grant=revoked))
    await eventually(creates, lambda s: s == 403)

    teacher = await api(["teacher"], school)
    narrowed = events_pb2.RoleRightsChanged(
        school_id=str(school), role=grants_pb2.ROLE_TEACHER, removed=["roster.person.read"],
        effective=["journal.lesson.read", "schedule.read"],
    )  # fmt: skip
    await identity_emits(oidc_provider, school, narrowed)
    await eventually(lambda: teacher.get("/v1/people"), lambda r: r.status_code == 403)

    widened_id = uuid.uuid4()
    widened = await api(["teacher"], school, widened_id)
    assert (await widened.post("/v1/people", json=NEW_STUDENT)).status_code == 403
    subject = await _subject_of(roster, school, widened_id)
    own = events_pb2.PersonRightsChanged(school_id=str(school), subject=subject,
                                         account_id=subject, person_id=str(widened_id),
                                         added=["roster.person.write"])  # fmt: skip
    await identity_emits(oidc_provider, school, own)
    await eventually(
        lambda: widened.post("/v1/people", json=NEW_STUDENT), lambda r: r.status_code == 201
    )


async def _subject_of(roster: Any, school: uuid.UUID, person_id: uuid.UUID) -> str:
    from sqlalchemy import text

    async with roster.runtime.db.transaction(school_id=school) as session:
        query = text("SELECT subject FROM access_grants WHERE person_id = :p")
        return str((await session.execute(query, {"p": person_id})).scalar_one())

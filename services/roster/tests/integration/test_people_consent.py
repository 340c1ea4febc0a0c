"""People under the consent rule (seed 004, footnote 1): without consent only the full name
is stored, more is refused with a clear error, withdrawal erases, every change is logged."""

from __future__ import annotations

from typing import Any

from sqlalchemy import text

STUDENT = {
    "last_name": "Иванов",
    "first_name": "Пётр",
    "middle_name": "Сергеевич",
    "kinds": ["student"],
}
CONSENT = {"given_by": "Иванова Мария Петровна", "document_ref": "согласие № 12 от 01.09.2025"}


async def test_without_consent_only_the_full_name_is_kept(
    api: Any, roster: Any, make_school: Any
) -> None:
    school = await make_school(roster)
    admin = await api(["administrator"], school)
    refused = await admin.post(
        "/v1/people", json={**STUDENT, "birth_date": "2014-05-01", "phone": "+7 900 123-45-67"}
    )
    assert refused.status_code == 422
    body = refused.json()
    assert body["code"] == "consent_required"
    assert "только ФИО" in body["detail"]
    assert {e["field"] for e in body["errors"]} == {"birth_date", "phone"}

    created = await admin.post("/v1/people", json=STUDENT)
    assert created.status_code == 201
    person = created.json()
    assert person["consent"] == 0 and person["personal_data"] == {}
    later = await admin.patch(f"/v1/people/{person['id']}", json={"snils": "112-233-445 95"})
    assert later.status_code == 422 and later.json()["code"] == "consent_required"
    async with roster.runtime.db.transaction(school_id=school) as s:
        row = (await s.execute(text("SELECT birth_date, phone, snils FROM persons"))).one()
    assert tuple(row) == (None, None, None)


async def test_with_consent_data_is_stored_and_withdrawal_erases_it(
    api: Any, roster: Any, make_school: Any
) -> None:
    school = await make_school(roster)
    admin_id = __import__("uuid").uuid4()
    admin = await api(["administrator"], school, admin_id)
    created = await admin.post(
        "/v1/people",
        json={
            **STUDENT,
            "consent": CONSENT,
            "birth_date": "2014-05-01",
            "sex": 1,
            "snils": "112-233-445 95",
        },
    )
    assert created.status_code == 201, created.text
    pid = created.json()["id"]
    assert created.json()["personal_data"]["snils"] == "112-233-445 95"
    bad = await admin.patch(f"/v1/people/{pid}", json={"snils": "112-233-445 96"})
    assert bad.status_code == 422 and bad.json()["code"] == "invalid_personal_data"
    ok = await admin.patch(
        f"/v1/people/{pid}", json={"phone": "+7 900 000-00-00", "first_name": "Пётр"}
    )
    assert ok.status_code == 200

    unspecified = await admin.post(f"/v1/people/{pid}/consents", json={**CONSENT, "status": 0})
    assert unspecified.status_code == 422
    withdrawn = await admin.post(f"/v1/people/{pid}/consents", json={**CONSENT, "status": 3})
    assert withdrawn.status_code == 200
    assert withdrawn.json()["consent"] == 3 and withdrawn.json()["personal_data"] == {}
    again = await admin.patch(f"/v1/people/{pid}", json={"phone": "+7 900 000-00-00"})
    assert again.status_code == 422

    log = (await admin.get(f"/v1/people/{pid}/changes")).json()
    assert [e["action"] for e in log] == ["created", "updated", "erased_without_consent"]
    assert log[1]["fields"] == ["phone"], "unchanged fields are not logged"
    assert set(log[2]["fields"]) >= {"birth_date", "sex", "snils", "phone", "consent"}
    assert all(e["actor_person_id"] == str(admin_id) for e in log)
    async with roster.runtime.db.transaction(school_id=school) as s:
        consents = (
            await s.execute(text("SELECT status, given_by FROM consents ORDER BY recorded_at"))
        ).all()
        subjects = (
            (await s.execute(text("SELECT subject FROM outbox ORDER BY created_at")))
            .scalars()
            .all()
        )
    assert [c.status for c in consents] == [1, 3] and consents[0].given_by == CONSENT["given_by"]
    assert subjects.count("tabel.roster.person.updated.v1") == 2


async def test_staff_positions_and_guardianship_links(
    api: Any, roster: Any, make_school: Any
) -> None:
    school = await make_school(roster)
    admin = await api(["administrator"], school)
    teacher = await admin.post(
        "/v1/people",
        json={
            "last_name": "Смирнова",
            "first_name": "Ольга",
            "kinds": ["staff"],
            "positions": ["teacher", "deputy_director"],
        },
    )
    assert teacher.json()["positions"] == ["deputy_director", "teacher"]
    bogus = await admin.post(
        "/v1/people",
        json={
            "last_name": "Смирнов",
            "first_name": "Олег",
            "kinds": ["staff"],
            "positions": ["king"],
        },
    )
    assert bogus.status_code == 422 and bogus.json()["errors"][0]["field"] == "positions"
    student = (await admin.post("/v1/people", json=STUDENT)).json()
    mother = (
        await admin.post(
            "/v1/people",
            json={"last_name": "Иванова", "first_name": "Мария", "kinds": ["guardian"]},
        )
    ).json()
    link = await admin.post(
        "/v1/guardianships",
        json={"guardian_id": mother["id"], "student_id": student["id"], "relation": 1},
    )
    assert link.status_code == 201
    twice = await admin.post(
        "/v1/guardianships",
        json={"guardian_id": mother["id"], "student_id": student["id"], "relation": 1},
    )
    assert twice.status_code == 409
    wrong = await admin.post(
        "/v1/guardianships",
        json={"guardian_id": student["id"], "student_id": mother["id"], "relation": 1},
    )
    assert wrong.status_code == 422 and wrong.json()["code"] == "guardianship_kinds"
    links = (await admin.get(f"/v1/people/{student['id']}/guardianships")).json()
    assert [x["guardian_id"] for x in links] == [mother["id"]]
    removed = await admin.delete(
        f"/v1/guardianships/{link.json()['id']}", params={"reason": "лишение прав"}
    )
    assert removed.status_code == 204
    assert (await admin.get(f"/v1/people/{student['id']}/guardianships")).json() == []


async def test_who_may_see_and_change_people(api: Any, roster: Any, make_school: Any) -> None:
    school, other = await make_school(roster), await make_school(roster)
    admin = await api(["administrator"], school)
    pid = (
        await admin.post(
            "/v1/people", json={**STUDENT, "consent": CONSENT, "birth_date": "2014-05-01"}
        )
    ).json()["id"]
    teacher = await api(["teacher"], school)
    seen = await teacher.get(f"/v1/people/{pid}")
    assert seen.status_code == 200 and seen.json()["personal_data"] is None, (
        "teachers see names only"
    )
    assert (
        await teacher.patch(f"/v1/people/{pid}", json={"first_name": "Павел"})
    ).status_code == 403
    assert (await teacher.post("/v1/people", json=STUDENT)).status_code == 403
    assert (await (await api(["student"], school)).get(f"/v1/people/{pid}")).status_code == 403
    assert (await (await api(["guardian"], school)).get("/v1/people")).status_code == 403
    # An administrator of another school does not see this school's people (RLS: 404).
    assert (await (await api(["administrator"], other)).get(f"/v1/people/{pid}")).status_code == 404
    # A token not issued for the school cannot name it.
    hijack = await api(["administrator"], other)
    hijack.headers["x-tabel-school"] = str(school)
    assert (await hijack.get(f"/v1/people/{pid}")).status_code == 403

"""Personal invitations: an administrator invites people of roster, each redeems on the
school's domain and gets an account linked to them with their role, once; every refusal."""

from __future__ import annotations

import asyncio
import secrets
import uuid
from typing import Any
from uuid import UUID

import pytest
from sqlalchemy import text

from tabel.roster.v1 import people_pb2

from .conftest import Onboarded, Region
from .test_rights import Checker, scope

pytestmark = pytest.mark.integration
STUDENT, STAFF = people_pb2.PERSON_KIND_STUDENT, people_pb2.PERSON_KIND_STAFF
GUARDIAN = people_pb2.PERSON_KIND_GUARDIAN


async def invite(region: Region, school: Onboarded, token: str | None = None, **body: Any) -> Any:
    async with region.http(token or school.admin_token) as http:
        return await http.post(f"/v1/schools/{school.school_id}/invitations", json=body)


async def redeem(region: Region, domain: str, code: str, username: str) -> Any:
    body = {"code": code, "username": username, "password": "Svoj-parol-26"}
    async with region.http(headers={"Host": domain}) as http:
        return await http.post("/v1/invitations/redemption", json=body)


async def test_invited_people_get_linked_accounts_with_their_roles(region: Region) -> None:
    school, feed = await region.onboard(), region.feed
    c5a = await feed.school_class(school.school_id, "5А")
    teacher = await feed.person(school.school_id, "Смирнова", "Нина", STAFF)
    child = await feed.person(school.school_id, "Орлов", "Миша", STUDENT)
    other_child = await feed.person(school.school_id, "Зайцев", "Петя", STUDENT)
    parent = await feed.person(school.school_id, "Орлова", "Анна", GUARDIAN)
    await feed.guardian_of(school.school_id, parent, child)
    await feed.settled()

    for_teacher = await invite(region, school, person_id=str(teacher), role="teacher",
                               scope={"kind": "class", "id": str(c5a)})  # fmt: skip
    for_parent = await invite(region, school, person_id=str(parent))  # role from the kind
    assert for_teacher.status_code == 201, for_teacher.text
    assert for_parent.json()["role"] == "guardian" and for_parent.json()["status"] == "live"
    assert for_parent.json()["full_name"] == "Орлова Анна"
    assert len(for_parent.json()["code"].split("-")) == 4

    t_name, p_name = f"nina-{secrets.token_hex(3)}", f"anna-{secrets.token_hex(3)}"
    done = await redeem(region, school.domain, for_teacher.json()["code"], t_name)
    parent_done = await redeem(region, school.domain, for_parent.json()["code"].lower(), p_name)
    assert done.status_code == 201, done.text
    assert parent_done.status_code == 201, parent_done.text
    assert done.json()["person_id"] == str(teacher) and done.json()["role"] == "teacher"

    validator = region.provider.validator()
    t_principal = await validator.validate(
        await region.provider.password_token(t_name, "Svoj-parol-26")
    )
    p_token = await region.provider.password_token(p_name, "Svoj-parol-26")
    p_principal = await validator.validate(p_token)
    assert t_principal.person_id == teacher and p_principal.person_id == parent
    assert t_principal.school_ids == p_principal.school_ids == frozenset({school.school_id})

    check = Checker(region, p_token)  # the guardian asks about themselves
    sa, parent_account = school.school_id, UUID(parent_done.json()["account_id"])
    assert (await check(parent_account, "diary.read", sa, scope("PERSON", child)))[0]
    assert not (await check(parent_account, "diary.read", sa, scope("PERSON", other_child)))[0]
    await check.channel.close(grace=None)
    check = Checker(region, await region.provider.password_token(t_name, "Svoj-parol-26"))
    t_account = UUID(done.json()["account_id"])
    assert (await check(t_account, "journal.mark.write", sa, scope("CLASS", c5a)))[0]
    assert not (await check(t_account, "journal.mark.write", sa, scope("CLASS", uuid.uuid4())))[0]
    await check.channel.close(grace=None)

    async with region.http(school.admin_token) as http:
        listed = (
            await http.get(f"/v1/schools/{sa}/invitations", params={"person_id": str(teacher)})
        ).json()
    assert [(i["status"], i["used_by"]) for i in listed] == [("used", str(t_account))]
    subjects = await _sql(region, "SELECT subject FROM outbox WHERE school_id = :s", s=sa)
    assert ("tabel.identity.account.linked.v1",) in subjects
    audit = await _sql(region, "SELECT username FROM audit_log WHERE school_id = :s AND "
                       "kind = 'invitation_redeemed'", s=sa)  # fmt: skip
    assert sorted(audit) == sorted([(t_name,), (p_name,)])


async def test_every_refusal_of_an_invitation_is_clear(region: Region) -> None:
    school, other = await region.onboard(), await region.onboard()
    feed = region.feed
    teacher = await feed.person(school.school_id, "Белова", "Ира", STAFF)
    pupil = await feed.person(school.school_id, "Белов", "Коля", STUDENT)
    colleague = await feed.person(school.school_id, "Серов", "Олег", STAFF)
    await feed.settled()
    _, teacher_token = await region.person_account(school.school_id, roles=())

    first = (await invite(region, school, person_id=str(teacher))).json()
    second = await invite(region, school, person_id=str(teacher))  # revokes the first
    by_teacher = await invite(region, school, teacher_token, person_id=str(colleague))
    by_other_admin = await invite(region, school, other.admin_token, person_id=str(colleague))
    unknown = await invite(region, school, person_id=str(uuid.uuid4()))
    misfit = await invite(region, school, person_id=str(pupil), role="guardian")
    assert second.status_code == 201
    assert by_teacher.status_code == 403 and by_other_admin.status_code == 403
    assert (unknown.status_code, unknown.json()["code"]) == (404, "person_not_known")
    assert (misfit.status_code, misfit.json()["code"]) == (422, "role_not_for_person")

    old = await redeem(region, school.domain, first["code"], "ira-old")
    elsewhere = await redeem(region, other.domain, second.json()["code"], "ira-elsewhere")
    wrong = await redeem(region, school.domain, "2222-3333-4444-5555", "ira-wrong")
    assert (old.status_code, old.json()["code"]) == (409, "code_revoked")
    assert (elsewhere.status_code, elsewhere.json()["code"]) == (409, "code_other_school")
    assert (wrong.status_code, wrong.json()["code"]) == (422, "code_invalid")
    ok = await redeem(region, school.domain, second.json()["code"], f"ira-{secrets.token_hex(3)}")
    again = await redeem(region, school.domain, second.json()["code"], "ira-again")
    assert ok.status_code == 201 and (again.status_code, again.json()["code"]) == (409, "code_used")
    has_account = await invite(region, school, person_id=str(teacher))
    assert (has_account.status_code, has_account.json()["code"]) == (409, "person_has_account")

    revoked = (await invite(region, school, person_id=str(colleague))).json()
    async with region.http(school.admin_token) as http:
        gone = await http.delete(f"/v1/schools/{school.school_id}/invitations/{revoked['id']}")
    assert gone.status_code == 204
    late = await redeem(region, school.domain, revoked["code"], "oleg-late")
    assert (late.status_code, late.json()["code"]) == (409, "code_revoked")
    refusals = await _sql(region, "SELECT count(*) FROM audit_log WHERE school_id = :s AND "
                          "kind = 'invitation_refused'", s=school.school_id)  # fmt: skip
    assert refusals == [(4,)]


async def test_two_parallel_redemptions_make_one_account(region: Region) -> None:
    school = await region.onboard()
    pupil = await region.feed.person(school.school_id, "Котов", "Лёва", STUDENT)
    await region.feed.settled()
    code = (await invite(region, school, person_id=str(pupil))).json()["code"]
    names = [f"lev-{i}-{secrets.token_hex(3)}" for i in range(4)]
    answers = await asyncio.gather(*(redeem(region, school.domain, code, n) for n in names))
    assert sorted(a.status_code for a in answers) == [201, 409, 409, 409]
    accounts = await _sql(region, "SELECT count(*) FROM accounts WHERE person_id = :p", p=pupil)
    assert accounts == [(1,)]


async def _sql(region: Region, query: str, **params: object) -> list[tuple[object, ...]]:
    async with region.provider.handle.runtime.db.transaction(school_id=None, all_schools=True) as s:
        return [tuple(r) for r in (await s.execute(text(query), params)).all()]

"""Grants and rights end to end: a school administrator grants roles and widens or narrows
rights over REST; AuthorizationService.Check answers from them, and refuses the wrong person
for every scope."""

from __future__ import annotations

import uuid
from typing import Any
from uuid import UUID

import grpc
import pytest

from tabel.identity.v1 import authorization_service_pb2 as pb
from tabel.identity.v1 import authorization_service_pb2_grpc as pb_grpc
from tabel.identity.v1 import grants_pb2
from tabel.roster.v1 import people_pb2
from tabel_platform.grpc.client import create_channel

from .conftest import Onboarded, Region
from .roster_feed import MUNICIPALITY

pytestmark = pytest.mark.integration
STUDENT, GUARDIAN = people_pb2.PERSON_KIND_STUDENT, people_pb2.PERSON_KIND_GUARDIAN


def scope(kind: str, id_: UUID) -> grants_pb2.Scope:
    return grants_pb2.Scope(kind=grants_pb2.ScopeKind.Value(f"SCOPE_KIND_{kind}"), id=str(id_))


class Checker:
    def __init__(self, region: Region, token: str) -> None:
        target = region.provider.handle.grpc_target

        async def tokens() -> str:
            return token

        self.channel = create_channel(target, tokens=tokens)
        self.stub = pb_grpc.AuthorizationServiceStub(self.channel)

    async def __call__(
        self, subject: UUID, permission: str, school: UUID, on: grants_pb2.Scope | None = None
    ) -> tuple[bool, str]:
        answer = await self.stub.Check(pb.CheckRequest(
            subject=str(subject), permission=permission, school_id=str(school), scope=on,
        ))  # fmt: skip
        return answer.allowed, answer.reason


async def grant(region: Region, school: Onboarded, **body: Any) -> Any:
    async with region.http(school.admin_token) as http:
        answer = await http.post(f"/v1/schools/{school.school_id}/grants", json=body)
    assert answer.status_code == 201, answer.text
    return answer.json()


async def test_every_scope_refuses_the_wrong_person(region: Region) -> None:
    a, b = await region.onboard(), await region.onboard()
    feed = region.feed
    c5a, c5b = (
        await feed.school_class(a.school_id, "5А"),
        await feed.school_class(a.school_id, "5Б"),
    )
    s1 = await feed.person(a.school_id, "Петров", "Илья", STUDENT)
    s2 = await feed.person(a.school_id, "Сидорова", "Вера", STUDENT)
    g1 = await feed.person(a.school_id, "Петрова", "Ольга", GUARDIAN)
    await feed.member(a.school_id, s1, c5a)
    await feed.member(a.school_id, s2, c5b)
    await feed.guardian_of(a.school_id, g1, s1)
    await feed.settled()
    teacher, _ = await region.person_account(a.school_id)
    guardian, _ = await region.person_account(a.school_id, g1)
    student, _ = await region.person_account(a.school_id, s1)
    await grant(region, a, account_id=str(teacher), role="teacher")
    await grant(region, a, account_id=str(teacher), role="teacher",
                scope={"kind": "class", "id": str(c5a)})  # fmt: skip
    await grant(region, a, account_id=str(guardian), role="guardian")
    await grant(region, a, account_id=str(student), role="student")
    analyst = await region.provider.create_account(f"an-{a.school_id.hex[:6]}", "Analitika-26")

    await region.provider.grant(analyst, "municipal_analyst", scope=("municipality", MUNICIPALITY))
    check = Checker(region, await region.provider.client_token(
        "svc-journal", region.provider.service_secret("journal")))  # fmt: skip
    sa = a.school_id

    assert await check(teacher, "journal.mark.write", sa, scope("CLASS", c5a)) == (
        True, "granted_by_role:teacher")  # fmt: skip
    assert await check(teacher, "journal.mark.write", sa, scope("CLASS", c5b)) == (
        False,
        "out_of_scope",
    )  # fmt: skip  (a teacher of another class)
    assert (await check(teacher, "diary.read", sa, scope("PERSON", s1)))[0]
    assert not (await check(teacher, "diary.read", sa, scope("PERSON", s2)))[0]
    assert (await check(guardian, "diary.read", sa, scope("PERSON", s1)))[0]
    assert not (await check(guardian, "diary.read", sa, scope("PERSON", s2)))[0]  # not theirs
    assert not (await check(guardian, "journal.mark.write", sa, scope("CLASS", c5a)))[0]
    assert (await check(student, "diary.read", sa, scope("PERSON", s1)))[0]
    assert not (await check(student, "diary.read", sa, scope("PERSON", s2)))[0]
    assert (await check(a.admin_id, "identity.grant.manage", sa))[0]
    assert await check(b.admin_id, "identity.grant.manage", sa) == (False, "no_grant")
    assert (await check(analyst, "reporting.aggregate.read", sa))[0]
    assert await check(analyst, "roster.person.personal_data.read", sa) == (
        False,
        "not_permitted",
    )  # fmt: skip  (an analyst asking for personal data)
    assert not (await check(uuid.uuid4(), "diary.read", sa))[0]
    assert await check(teacher, "no.such.permission", sa) == (False, "unknown_permission")

    async with region.http(b.admin_token) as http:  # an administrator of another school
        other = await http.post(f"/v1/schools/{sa}/grants",
                                json={"account_id": str(teacher), "role": "director"})  # fmt: skip
        listing = await http.get(f"/v1/schools/{sa}/grants")
    assert other.status_code == 403 and listing.status_code == 403
    await check.channel.close(grace=None)


async def test_administrator_widens_and_narrows_rights(region: Region) -> None:
    a = await region.onboard()
    c5a = await region.feed.school_class(a.school_id, "5А")
    await region.feed.settled()
    teacher, teacher_token = await region.person_account(a.school_id)
    await grant(region, a, account_id=str(teacher), role="teacher",
                scope={"kind": "class", "id": str(c5a)})  # fmt: skip
    check = Checker(region, teacher_token)  # a person may ask about themselves
    on_class = scope("CLASS", c5a)
    assert (await check(teacher, "journal.mark.write", a.school_id, on_class))[0]
    assert not (await check(teacher, "journal.final_mark.write", a.school_id, on_class))[0]

    base = f"/v1/schools/{a.school_id}"
    async with region.http(a.admin_token) as http:
        narrowed = await http.patch(f"{base}/roles/teacher/rights",
                                    json={"remove": ["journal.mark.write"]})  # fmt: skip
        widened = await http.patch(f"{base}/accounts/{teacher}/rights",
                                   json={"add": ["journal.final_mark.write"]})  # fmt: skip
        protected = await http.patch(f"{base}/roles/administrator/rights",
                                     json={"remove": ["identity.rights.manage"]})  # fmt: skip
        unknown = await http.patch(f"{base}/roles/teacher/rights", json={"add": ["x.y.z"]})
        platform = await http.patch(f"{base}/roles/teacher/rights",
                                    json={"add": ["identity.activation_code.issue"]})  # fmt: skip
        shown = await http.get(f"{base}/roles/teacher/rights")
    async with region.http(teacher_token) as http:
        self_widening = await http.patch(f"{base}/accounts/{teacher}/rights",
                                         json={"add": ["identity.audit.read"]})  # fmt: skip

    assert narrowed.status_code == 200 and narrowed.json()["removed"] == ["journal.mark.write"]
    assert widened.status_code == 200 and widened.json()["added"] == ["journal.final_mark.write"]
    assert (protected.status_code, protected.json()["code"]) == (422, "protected_permission")
    assert (unknown.status_code, unknown.json()["code"]) == (422, "unknown_permission")
    assert (platform.status_code, platform.json()["code"]) == (422, "platform_permission")
    assert "journal.mark.write" not in shown.json()["permissions"]
    assert self_widening.status_code == 403
    assert not (await check(teacher, "journal.mark.write", a.school_id, on_class))[0]
    assert (await check(teacher, "journal.final_mark.write", a.school_id, on_class))[0]
    with pytest.raises(grpc.aio.AioRpcError) as caught:  # not about someone else
        await check(a.admin_id, "identity.grant.manage", a.school_id)
    assert caught.value.code() == grpc.StatusCode.PERMISSION_DENIED
    await check.channel.close(grace=None)


async def test_grants_are_listed_and_revoked_with_events(region: Region) -> None:
    a = await region.onboard()
    teacher, _ = await region.person_account(a.school_id)
    added = await grant(region, a, account_id=str(teacher), role="director")
    async with region.http(a.admin_token) as http:
        listed = await http.get(f"/v1/schools/{a.school_id}/grants", params={"role": "director"})
        gone = await http.delete(f"/v1/schools/{a.school_id}/grants/{added['id']}",
                                 params={"reason": "перевод"})  # fmt: skip
        again = await http.delete(f"/v1/schools/{a.school_id}/grants/{added['id']}")
        admins = await http.get(f"/v1/schools/{a.school_id}/grants",
                                params={"role": "administrator"})  # fmt: skip
        last = await http.delete(f"/v1/schools/{a.school_id}/grants/{admins.json()[0]['id']}")
    assert [g["id"] for g in listed.json()] == [added["id"]]
    assert gone.status_code == 200 and again.status_code == 404
    assert (last.status_code, last.json()["code"]) == (422, "last_administrator")


async def test_administrator_resets_passwords_of_their_school_only(region: Region) -> None:
    a, b = await region.onboard(), await region.onboard()
    teacher, _ = await region.person_account(a.school_id)
    await grant(region, a, account_id=str(teacher), role="teacher")
    async with region.http(a.admin_token) as http:
        reset = await http.post(f"/v1/accounts/{teacher}/password-reset", json={})
    async with region.http(b.admin_token) as http:
        foreign = await http.post(f"/v1/accounts/{teacher}/password-reset", json={})
    assert reset.status_code == 200 and reset.json()["must_change_password"]
    assert foreign.status_code == 403

"""The audit log: code redemptions and grant changes with who, when and from where, readable
by the school's administrator (filters, paging) and by nobody else."""

from __future__ import annotations

import pytest

from .conftest import Region

pytestmark = pytest.mark.integration


async def test_administrator_reads_the_audit_and_others_are_refused(region: Region) -> None:
    a, b = await region.onboard(), await region.onboard()
    teacher, teacher_token = await region.person_account(a.school_id)
    async with region.http(a.admin_token, headers={"User-Agent": "audit-test/1"}) as http:
        granted = await http.post(f"/v1/schools/{a.school_id}/grants",
                                  json={"account_id": str(teacher), "role": "teacher"})  # fmt: skip
        assert granted.status_code == 201
        everything = await http.get(f"/v1/schools/{a.school_id}/audit")
        grants_only = await http.get(f"/v1/schools/{a.school_id}/audit",
                                     params={"kind": "grant_added", "limit": 1})  # fmt: skip
        second = {"kind": "grant_added", "limit": 1, "offset": 1}
        page_two = await http.get(f"/v1/schools/{a.school_id}/audit", params=second)
        bad = await http.get(f"/v1/schools/{a.school_id}/audit", params={"limit": 0})
    async with region.http(b.admin_token) as http:
        other_admin = await http.get(f"/v1/schools/{a.school_id}/audit")
    async with region.http(teacher_token) as http:
        teacher_reads = await http.get(f"/v1/schools/{a.school_id}/audit")

    kinds = {e["kind"] for e in everything.json()["items"]}
    assert {"activation_redeemed", "grant_added"} <= kinds
    redeemed = next(e for e in everything.json()["items"] if e["kind"] == "activation_redeemed")
    assert redeemed["username"] == a.admin_username and redeemed["ip"] == "127.0.0.1"
    by_admin = [e for e in grants_only.json()["items"]]
    assert grants_only.json()["total"] == 2  # the administrator's own grant and the teacher's
    assert len(by_admin) == 1 and len(page_two.json()["items"]) == 1
    assert by_admin[0]["id"] != page_two.json()["items"][0]["id"]
    newest = by_admin[0]
    assert newest["user_agent"] == "audit-test/1" and newest["details"]["role"] == "teacher"
    assert newest["actor_account_id"] == str(a.admin_id)
    assert bad.status_code == 422
    assert other_admin.status_code == 403 and teacher_reads.status_code == 403

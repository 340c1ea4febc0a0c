"""Onboarding a school by activation code: issue, redeem on the school's domain, every
refusal, the throttle on guesses, and two parallel redemptions yielding one administrator."""

from __future__ import annotations

import asyncio
from datetime import timedelta

import pytest
from sqlalchemy import text

from tabel_identity.domain.codes import ALPHABET
from tabel_identity.domain.throttle import ThrottlePolicy

from .conftest import LENIENT, Region

pytestmark = pytest.mark.integration


async def _sql(region: Region, query: str, **params: object) -> list[tuple[object, ...]]:
    db = region.provider.handle.runtime.db
    async with db.transaction(school_id=None, all_schools=True) as s:
        result = await s.execute(text(query), params)
        return [tuple(r) for r in result.all()] if result.returns_rows else []


async def test_code_is_typeable_and_makes_the_first_administrator(region: Region) -> None:
    school_id, domain = await region.new_school()
    issued = await region.issue_code(school_id)
    code = issued["code"]
    groups = code.split("-")
    assert [len(g) for g in groups] == [4, 4, 4, 4]
    assert all(c in ALPHABET for c in "".join(groups))  # no I, L, O, U
    stored = await _sql(region, "SELECT code_hash FROM activation_codes WHERE id = :i",
                        i=issued["id"])  # fmt: skip
    assert code.replace("-", "") not in str(stored)  # only the hash is kept

    typed = code.lower().replace("-", " ")  # case and separators do not matter
    answer = await region.redeem(domain, typed, "pervyj-admin")
    assert answer.status_code == 201, answer.text
    token = await region.provider.password_token("pervyj-admin", "Nachalo-2026")
    claims = region.provider.validator()
    principal = await claims.validate(token)
    assert school_id in principal.school_ids
    status = await _sql(region, "SELECT status FROM schools WHERE school_id = :s", s=school_id)
    assert status == [("active",)]
    types = await _sql(region, "SELECT subject FROM outbox WHERE school_id = :s", s=school_id)
    subjects = {t[0] for t in types}
    assert {"tabel.identity.school.activated.v1", "tabel.identity.grant.added.v1",
            "tabel.identity.activation_code.issued.v1"} <= subjects  # fmt: skip
    again = await region.redeem(domain, code, "vtoroj-admin")
    assert again.status_code == 409 and again.json()["code"] == "code_used"


async def test_every_refusal_is_clear(region: Region) -> None:
    school_id, domain = await region.new_school()
    other_id, other_domain = await region.new_school()
    expired = (await region.issue_code(school_id))["code"]
    await _sql(region, "UPDATE activation_codes SET expires_at = now() - interval '1 s' "
               "WHERE school_id = :s", s=school_id)  # fmt: skip
    revoked = await region.issue_code(school_id)
    async with region.http(region.operator_token) as http:
        gone = await http.delete(f"/v1/schools/{school_id}/activation-codes/{revoked['id']}")
    assert gone.status_code == 204
    live = (await region.issue_code(school_id))["code"]

    wrong = await region.redeem(domain, "0000-0000-0000-0000", "a-wrong")
    garbage = await region.redeem(domain, "не код", "a-garbage")
    old = await region.redeem(domain, expired, "a-expired")
    withdrawn = await region.redeem(domain, revoked["code"], "a-revoked")
    elsewhere = await region.redeem(other_domain, live, "a-elsewhere")
    nowhere = await region.redeem("unknown.test", live, "a-nowhere")
    weak = await region.redeem(domain, live, "a-weak", password="123")

    assert (wrong.status_code, wrong.json()["code"]) == (422, "code_invalid")
    assert (garbage.status_code, garbage.json()["code"]) == (422, "code_invalid")
    assert (old.status_code, old.json()["code"]) == (409, "code_expired")
    assert (withdrawn.status_code, withdrawn.json()["code"]) == (409, "code_revoked")
    assert (elsewhere.status_code, elsewhere.json()["code"]) == (409, "code_other_school")
    assert (nowhere.status_code, nowhere.json()["code"]) == (404, "host_unknown")
    assert (weak.status_code, weak.json()["code"]) == (422, "weak_password")
    assert "Неверный код" in wrong.json()["detail"] or wrong.json().get("title")
    assert (await region.redeem(domain, live, "a-right")).status_code == 201
    assert other_id != school_id


async def test_only_the_region_operator_issues_codes(region: Region) -> None:
    school_id, _ = await region.new_school()
    _, stranger = await region.person_account(school_id)
    async with region.http(stranger) as http:
        refused = await http.post(f"/v1/schools/{school_id}/activation-codes", json={})
    async with region.http() as http:
        anonymous = await http.post(f"/v1/schools/{school_id}/activation-codes", json={})
    assert refused.status_code == 403 and anonymous.status_code == 401


async def test_wrong_guesses_are_slowed_then_locked(region: Region) -> None:
    runtime = region.provider.handle.runtime
    await _sql(region, "DELETE FROM code_failures")
    runtime.extras["code_throttle"] = ThrottlePolicy(
        slow_after=2, delay_base=timedelta(seconds=30), lock_source=4, lock_school=100
    )
    try:
        school_id, domain = await region.new_school()
        live = (await region.issue_code(school_id))["code"]
        first = [await region.redeem(domain, "0000-0000-0000-000" + c, "guesser") for c in "12"]
        slowed = await region.redeem(domain, live, "g-right")  # even the right code waits
        more = []
        for c in "34":  # each after its wait has passed (moved back in time, still in window)
            await _sql(region, "UPDATE code_failures SET at = at - interval '5 min'")
            more.append(await region.redeem(domain, "0000-0000-0000-000" + c, "guesser"))
        locked = await region.redeem(domain, live, "g-right")
    finally:
        runtime.extras["code_throttle"] = LENIENT
        await _sql(region, "DELETE FROM code_failures")
    assert [a.json()["code"] for a in first] == ["code_invalid", "code_invalid"]
    assert (slowed.status_code, slowed.json()["code"]) == (429, "code_attempts_slowed")
    assert [a.json()["code"] for a in more] == ["code_invalid", "code_invalid"]
    assert (locked.status_code, locked.json()["code"]) == (429, "code_attempts_locked")
    assert (await region.redeem(domain, live, "g-right")).status_code == 201


async def test_two_parallel_redemptions_yield_exactly_one_administrator(region: Region) -> None:
    for _ in range(3):  # a few rounds: the race must never let two through
        school_id, domain = await region.new_school()
        code = (await region.issue_code(school_id))["code"]
        suffix = school_id.hex[:6]
        answers = await asyncio.gather(
            *(region.redeem(domain, code, f"par-{suffix}-{n}") for n in range(2))
        )
        statuses = sorted(a.status_code for a in answers)
        assert statuses == [201, 409], [a.text for a in answers]
        admins = await _sql(region, "SELECT count(*) FROM grants WHERE school_id = :s "
                            "AND role = 'administrator'", s=school_id)  # fmt: skip
        assert admins == [(1,)]

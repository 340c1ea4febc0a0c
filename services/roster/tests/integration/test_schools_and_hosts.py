"""Region → municipality → school: domain uniqueness and validation, primary domain, settings,
host resolution over REST and gRPC, and who may do it."""

from __future__ import annotations

import uuid
from typing import Any

import grpc
from sqlalchemy import text

from tabel.roster.v1 import roster_service_pb2 as pb
from tabel.roster.v1 import roster_service_pb2_grpc as pb_grpc


def host() -> str:
    return f"s{uuid.uuid4().hex[:10]}.edu.example.ru"


async def test_region_operator_onboards_a_school_with_unique_domains(api: Any) -> None:
    op = await api(["region_operator"], None)
    m = await op.post("/v1/municipalities", json={"name": f"Город {uuid.uuid4().hex[:6]}"})
    assert m.status_code == 201
    mid = m.json()["id"]
    first, taken = host(), host()
    created = await op.post(
        "/v1/schools",
        json={
            "municipality_id": mid,
            "name": "МБОУ СОШ № 7",
            "short_name": "СОШ № 7",
            "domains": [first.upper() + ":443", taken],
        },
    )
    assert created.status_code == 201, created.text
    assert created.json()["domains"] == [first, taken]
    assert created.json()["primary_domain"] == first

    clash = await op.post(
        "/v1/schools",
        json={
            "municipality_id": mid,
            "name": "МБОУ СОШ № 8",
            "short_name": "СОШ № 8",
            "domains": [taken],
        },
    )
    assert clash.status_code == 409
    assert clash.json()["code"] == "domain_taken"
    assert taken in clash.json()["detail"]

    bad = await op.post(
        "/v1/schools",
        json={
            "municipality_id": mid,
            "name": "МБОУ СОШ № 9",
            "short_name": "СОШ № 9",
            "domains": ["not a host"],
        },
    )
    assert bad.status_code == 422
    assert bad.json()["code"] == "invalid_domain"
    assert bad.json()["errors"][0]["field"] == "domains.0"

    unknown = await op.post(
        "/v1/schools",
        json={
            "municipality_id": str(uuid.uuid4()),
            "name": "МБОУ СОШ № 10",
            "short_name": "СОШ 10",
        },
    )
    assert unknown.status_code == 404
    assert unknown.json()["code"] == "municipality_not_found"


async def test_only_a_region_operator_creates_municipalities_and_schools(
    api: Any, roster: Any, make_school: Any
) -> None:
    school = await make_school(roster)
    admin = await api(["administrator"], school)
    refused = await admin.post("/v1/municipalities", json={"name": "Самозваный район"})
    assert refused.status_code == 403
    refused = await admin.post(
        "/v1/schools",
        json={"municipality_id": str(uuid.uuid4()), "name": "Школа мечты", "short_name": "Мечта"},
    )
    assert refused.status_code == 403
    assert "оператор региона" in refused.json()["detail"]


async def test_primary_domain_and_settings_change_and_are_published(
    api: Any, roster: Any, make_school: Any
) -> None:
    school = await make_school(roster)
    other = await make_school(roster)
    admin = await api(["administrator"], school)
    current = (await admin.get(f"/v1/schools/{school}")).json()
    new = host()
    changed = await admin.patch(
        f"/v1/schools/{school}",
        json={
            "domains": [new, *current["domains"]],
            "school_week_days": 6,
            "grade_levels": [1, 2, 3, 4, 5, 6, 7, 8, 9],
        },
    )
    assert changed.status_code == 200, changed.text
    assert changed.json()["primary_domain"] == new
    assert changed.json()["school_week_days"] == 6
    bad = await admin.patch(f"/v1/schools/{school}", json={"time_zone": "Europe/Nowhere"})
    assert bad.status_code == 422 and bad.json()["errors"][0]["field"] == "time_zone"
    other_domain = (
        await (await api(["region_operator"], None)).get(f"/v1/schools/{other}")
    ).json()["domains"][0]
    steal = await admin.patch(f"/v1/schools/{school}", json={"domains": [other_domain]})
    assert steal.status_code == 409
    # Another school's administrator may not touch this school.
    foreign = await (await api(["administrator"], other)).patch(
        f"/v1/schools/{school}", json={"school_week_days": 5}
    )
    assert foreign.status_code == 403
    async with roster.runtime.db.transaction(school_id=None, all_schools=True) as s:
        events = (
            (await s.execute(text("SELECT subject FROM outbox ORDER BY created_at")))
            .scalars()
            .all()
        )
    assert "tabel.roster.school.updated.v1" in events


async def test_host_resolves_to_its_school_over_rest_and_grpc(
    roster: Any, make_school: Any, service_token: str
) -> None:
    domain = host()
    school = await make_school(roster, domain)
    import httpx

    async with httpx.AsyncClient(base_url=roster.http_url) as anonymous:
        found = await anonymous.get(f"/v1/hosts/{domain.upper()}:8443")
        assert found.status_code == 200 and found.json()["id"] == str(school)
        missing = await anonymous.get(f"/v1/hosts/{host()}")
        assert missing.status_code == 404 and missing.json()["code"] == "school_unknown"

    token = service_token
    async with grpc.aio.insecure_channel(roster.grpc_target) as channel:
        stub = pb_grpc.RosterServiceStub(channel)
        meta = (("authorization", f"Bearer {token}"),)
        answer = await stub.ResolveHost(pb.ResolveHostRequest(host=f"{domain}:443"), metadata=meta)
        assert answer.school.id == str(school) and answer.school.domains[0] == domain
        try:
            await stub.ResolveHost(pb.ResolveHostRequest(host=host()), metadata=meta)
            raise AssertionError("an unknown host must not resolve")
        except grpc.aio.AioRpcError as exc:
            assert exc.code() == grpc.StatusCode.NOT_FOUND

"""Every error a client can get is problem+json with a code and a message a person can act on."""

from __future__ import annotations

import httpx
import pytest
from fastapi import APIRouter
from pydantic import BaseModel, Field

from tabel_platform.errors import Conflict, NotFound
from tabel_platform.http.app import create_http_app

router = APIRouter()


class MarkCreate(BaseModel):
    value: int = Field(ge=1, le=5)
    comment: str = Field(max_length=10)


@router.post("/marks")
async def create_mark(body: MarkCreate) -> dict[str, int]:
    return {"value": body.value}


@router.get("/missing")
async def missing() -> None:
    raise NotFound()


@router.get("/taken")
async def taken() -> None:
    raise Conflict("error.conflict", code="mark_exists")


@router.get("/bug")
async def bug() -> None:
    raise RuntimeError("secret internals")


async def _ok() -> bool:
    return True


async def _failing() -> bool:
    raise ConnectionError("db down")


@pytest.fixture
def client() -> httpx.AsyncClient:
    app = create_http_app(
        title="t", description="t", routers=[router], readiness=[("db", _ok), ("nats", _failing)]
    )
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://t")


async def test_validation_errors_name_each_field_in_russian(client: httpx.AsyncClient) -> None:
    r = await client.post("/marks", json={"value": 7})
    assert r.status_code == 422
    assert r.headers["content-type"] == "application/problem+json"
    body = r.json()
    assert body["code"] == "invalid_input"
    assert "Проверьте" in body["detail"]
    assert {e["field"] for e in body["errors"]} == {"value", "comment"}
    assert body["request_id"] == r.headers["x-request-id"]


async def test_malformed_json_is_a_4xx(client: httpx.AsyncClient) -> None:
    r = await client.post(
        "/marks", content=b"{not json", headers={"content-type": "application/json"}
    )
    assert r.status_code == 422
    assert r.json()["code"] == "invalid_input"


async def test_domain_errors_keep_their_code_and_status(client: httpx.AsyncClient) -> None:
    assert (await client.get("/missing")).json()["code"] == "not_found"
    taken = await client.get("/taken")
    assert (taken.status_code, taken.json()["code"]) == (409, "mark_exists")


async def test_unknown_route_and_method_are_problems(client: httpx.AsyncClient) -> None:
    assert (await client.get("/nowhere")).json()["code"] == "not_found"
    r = await client.delete("/marks")
    assert (r.status_code, r.json()["code"]) == (405, "method_not_allowed")


async def test_a_bug_is_a_500_without_internals(client: httpx.AsyncClient) -> None:
    r = await client.get("/bug", headers={"x-request-id": "req-42"})
    assert r.status_code == 500
    assert "secret" not in r.text
    assert "req-42" in r.json()["detail"]


async def test_english_is_served_when_asked(client: httpx.AsyncClient) -> None:
    r = await client.post("/marks", json={}, headers={"accept-language": "en-GB,en;q=0.9"})
    assert r.json()["detail"].startswith("Check the data")


async def test_readiness_reports_each_dependency(client: httpx.AsyncClient) -> None:
    r = await client.get("/readyz")
    assert r.status_code == 503
    assert r.json()["checks"] == {"db": "ok", "nats": "failing"}
    assert (await client.get("/healthz")).status_code == 200


async def test_metrics_count_requests_by_route_template(client: httpx.AsyncClient) -> None:
    await client.get("/missing")
    text = (await client.get("/metrics")).text
    assert 'tabel_http_requests_total{method="GET",route="/missing",status="404"}' in text

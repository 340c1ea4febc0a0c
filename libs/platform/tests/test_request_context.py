"""Per-request plumbing: a request id on every answer, RED metrics by route template."""

from __future__ import annotations

import re

import httpx
import pytest
from fastapi import APIRouter
from prometheus_client import REGISTRY

from tabel_platform.http.app import create_http_app
from tabel_platform.http.middleware import _RequestIds

router = APIRouter()


@router.get("/things/{thing_id}")
async def thing(thing_id: int) -> dict[str, int]:
    return {"id": thing_id}


@pytest.fixture
def client() -> httpx.AsyncClient:
    app = create_http_app(title="t", description="t", routers=[router])
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://t")


async def test_every_answer_has_its_own_request_id(client: httpx.AsyncClient) -> None:
    ids = [(await client.get(f"/things/{n}")).headers["x-request-id"] for n in range(3)]
    ids.append((await client.get("/nowhere")).headers["x-request-id"])
    assert len(set(ids)) == 4 and all(re.fullmatch("[0-9a-f]{32}", i) for i in ids)
    given = await client.get("/things/1", headers={"x-request-id": "from-the-proxy"})
    assert given.headers["x-request-id"] == "from-the-proxy"


def test_a_forked_worker_draws_its_own_request_ids() -> None:
    ids = _RequestIds()
    before = ids.next()
    ids.reseed()  # what os.register_at_fork runs in a forked child
    assert ids.next()[:20] != before[:20]


async def test_requests_are_counted_by_route_template_and_status(client: httpx.AsyncClient) -> None:
    def count(status: str) -> float:
        labels = {"method": "GET", "route": "/things/{thing_id}", "status": status}
        return REGISTRY.get_sample_value("tabel_http_requests_total", labels) or 0.0

    ok, invalid = count("200"), count("422")
    for n in range(3):
        await client.get(f"/things/{n}")
    await client.get("/things/not-a-number")
    assert (count("200") - ok, count("422") - invalid) == (3, 1)

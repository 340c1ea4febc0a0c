"""Real envelopes through real JetStream into the running reporting: the read models follow
the events, redeliveries change nothing, and a rebuild replays to identical read models."""

from __future__ import annotations

import uuid
from typing import Any

import httpx
from prometheus_client import REGISTRY

from tabel_platform.testing import ServiceHandle
from tabel_platform.waiting import eventually
from tabel_reporting.adapters.progress_cells import refresh_everything
from tabel_reporting.service_layer.rebuild import lag, rebuild
from tabel_reporting.testing import EventPublisher, applied, dump, wait_applied
from tabel_reporting.testing_class import HandComputedClass


async def test_events_reach_the_read_models_and_replays_are_identical(
    reporting: ServiceHandle, publisher: EventPublisher
) -> None:
    world = HandComputedClass()
    total = await world.publish(publisher)
    await wait_applied(reporting, total)
    first = await dump(reporting)
    assert len(first["marks"]) == 16 + 7  # math (one deleted, kept as a tombstone) + russian
    assert sum(1 for row in first["marks"] if row[-2]) == 1, "the deleted mark is a tombstone"
    assert len(first["subject_results"]) == 7 + 7, "students with marks, per subject"
    assert len(first["people"]) == 9 and len(first["memberships"]) == 8

    await rebuild(runtime=reporting.runtime)
    await eventually(lambda: applied(reporting), lambda n: n == total, timeout=30)
    second = await dump(reporting)
    await rebuild(runtime=reporting.runtime)
    await eventually(lambda: applied(reporting), lambda n: n == total, timeout=30)
    third = await dump(reporting)
    assert first == second == third
    assert len(first["progress_cells"]) == 2 and len(first["progress_cohorts"]) == 1

    # The incrementally kept aggregates are what a computation from scratch gives.
    async with reporting.runtime.db.transaction(school_id=None, all_schools=True) as session:
        await refresh_everything(session)
    assert await dump(reporting) == first

    lags = {row.source: row for row in await lag(runtime=reporting.runtime)}
    assert lags["journal"].pending == 0 and lags["journal"].events_applied > 0
    delay = REGISTRY.get_sample_value(
        "tabel_consumer_event_delay_seconds_count", {"consumer": "reporting-from-journal"}
    )
    assert delay and delay >= lags["journal"].events_applied


async def test_a_redelivered_event_changes_nothing(
    reporting: ServiceHandle, publisher: EventPublisher
) -> None:
    world = HandComputedClass()
    total = await world.publish(publisher)
    await wait_applied(reporting, total)
    before = await dump(reporting)
    # The same envelopes again, as after a lost ack: the inbox absorbs them.
    for env in list(publisher.published)[-10:]:
        await publisher.send(env)
    await wait_applied(reporting, total)
    assert await applied(reporting) == total
    assert await dump(reporting) == before


async def test_projection_lag_is_reported_to_operators_only(
    reporting: ServiceHandle, publisher: EventPublisher, login: Any
) -> None:
    total = await HandComputedClass().publish(publisher)
    await wait_applied(reporting, total)
    operator, _ = await login(roles=["region_operator"])
    teacher, _ = await login(person_id=uuid.uuid4())
    async with httpx.AsyncClient(base_url=reporting.http_url) as client:
        anonymous = await client.get("/v1/reporting/projections")
        refused = await client.get(
            "/v1/reporting/projections", headers={"Authorization": f"Bearer {teacher}"}
        )
        answer = await client.get(
            "/v1/reporting/projections", headers={"Authorization": f"Bearer {operator}"}
        )
    assert (anonymous.status_code, refused.status_code) == (401, 403)
    lags = {row["source"]: row for row in answer.json()}
    assert set(lags) == {"roster", "schedule", "journal", "identity"}
    assert lags["journal"]["pending"] == 0 and lags["journal"]["events_applied"] > 0

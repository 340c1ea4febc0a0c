"""An event saved while NATS is down is delivered when it is back, exactly once.

Roster writes schools with their `SchoolCreated` events through the outbox; identity
projects them. Real PostgreSQL, real NATS JetStream, both services running in-process.
"""

from __future__ import annotations

import uuid
from typing import Any

from prometheus_client import REGISTRY
from sqlalchemy import text

from tabel_identity.bootstrap import SPEC as IDENTITY
from tabel_platform.events.envelope import Actor
from tabel_platform.testing import serve_in_process
from tabel_platform.waiting import eventually
from tabel_roster.bootstrap import SPEC as ROSTER
from tabel_roster.service_layer.schools import CreateSchool, create_school

CONSUMER = "identity-from-roster"


def consumer_count(outcome: str) -> float:
    value = REGISTRY.get_sample_value(
        "tabel_consumer_events_total", {"consumer": CONSUMER, "outcome": outcome}
    )
    return value or 0.0


async def scalar(runtime: Any, sql: str) -> Any:
    async with runtime.db.transaction(school_id=None, all_schools=True) as session:
        return (await session.execute(text(sql))).scalar_one()


async def add_school(runtime: Any, n: int) -> uuid.UUID:
    school = await create_school(
        runtime=runtime,
        command=CreateSchool(
            municipality_id=uuid.uuid4(),
            name=f"Школа № {n}",
            short_name=f"Школа {n}",
            domains=[f"s{n}-{uuid.uuid4().hex[:8]}.example.ru"],
        ),
        actor=Actor.system(),
    )
    return school.id


async def test_events_saved_while_nats_is_down_arrive_exactly_once(
    make_database: Any, own_nats_server: Any
) -> None:
    roster_db = await make_database(migrations="tabel_roster:migrations")
    identity_db = await make_database(migrations="tabel_identity:migrations")
    nats_url = own_nats_server.url
    async with (
        serve_in_process(ROSTER, database_url=roster_db, nats_url=nats_url) as roster,
        serve_in_process(IDENTITY, database_url=identity_db, nats_url=nats_url) as identity,
    ):
        handled_before = consumer_count("handled")
        await add_school(roster.runtime, 0)  # streams and the durable consumer now exist
        await eventually(
            lambda: scalar(identity.runtime, "SELECT count(*) FROM schools"), lambda n: n == 1
        )

        own_nats_server.stop()
        for n in range(1, 21):
            await add_school(roster.runtime, n)
        unpublished = await scalar(
            roster.runtime, "SELECT count(*) FROM outbox WHERE published_at IS NULL"
        )
        assert unpublished == 20, "while NATS is down the events wait in the outbox"

        own_nats_server.start()
        await eventually(
            lambda: scalar(identity.runtime, "SELECT count(*) FROM schools"),
            lambda n: n == 21,
            timeout=60,
        )
        assert (
            await scalar(roster.runtime, "SELECT count(*) FROM outbox WHERE published_at IS NULL")
            == 0
        )

        # The relay crashed after publishing but before marking: everything goes out again.
        async with roster.runtime.db.transaction(school_id=None, all_schools=True) as session:
            await session.execute(text("UPDATE outbox SET published_at = NULL"))
        await eventually(
            lambda: scalar(
                roster.runtime, "SELECT count(*) FROM outbox WHERE published_at IS NULL"
            ),
            lambda n: n == 0,
        )
        # And one event arrives again past JetStream's de-duplication (another message id).
        envelope = await scalar(roster.runtime, "SELECT envelope FROM outbox LIMIT 1")
        await roster.runtime.nats.js.publish(
            "tabel.roster.school.created.v1", envelope, headers={"Nats-Msg-Id": "replayed"}
        )
        duplicates_before = consumer_count("duplicate")
        await eventually(
            lambda _=None: _async(consumer_count("duplicate")), lambda n: n > duplicates_before
        )

        assert await scalar(identity.runtime, "SELECT count(*) FROM schools") == 21
        assert (
            await scalar(
                identity.runtime, f"SELECT count(*) FROM inbox WHERE consumer = '{CONSUMER}'"
            )
            == 21
        )
        assert consumer_count("handled") - handled_before == 21


async def _async(value: float) -> float:
    return value

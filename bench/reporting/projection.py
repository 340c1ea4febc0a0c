"""Events per second the projections absorb: real envelopes in JetStream, the real service.

Events are published while reporting is stopped, then reporting starts and the time until
its inbox holds them all is taken. Baselines: as many events of a type reporting records
and skips (the consumer machinery and inbox alone), and the same MarkRecorded load applied
one transaction per event, as the platform's consumer did before it batched (6dfac8c).
"""

from __future__ import annotations

import contextlib
import random
import time
import uuid
from collections.abc import Iterator
from typing import Any

from sqlalchemy import text

from tabel.events.v1 import envelope_pb2
from tabel.journal.v1 import events_pb2 as journal
from tabel.journal.v1 import homework_pb2
from tabel_platform.events.consumer import EventConsumer
from tabel_platform.testing import serve_in_process
from tabel_platform.waiting import eventually
from tabel_reporting.bootstrap import SPEC
from tabel_reporting.testing import EventPublisher
from tabel_reporting.testing_class import HandComputedClass


async def _drain(db_url: str, nats_url: str, expected: int) -> float:
    """Start reporting; seconds until its inbox holds `expected` events."""
    async with serve_in_process(SPEC, database_url=db_url, nats_url=nats_url) as handle:
        began = time.perf_counter()

        async def inbox() -> int:
            async with handle.runtime.db.transaction(school_id=None, all_schools=True) as s:
                return int((await s.execute(text("SELECT count(*) FROM inbox"))).scalar_one())

        await eventually(inbox, lambda n: n >= expected, timeout=600, interval=0.05)
        return time.perf_counter() - began


async def _one_transaction_per_event(self: EventConsumer, msgs: list[Any]) -> None:
    for msg in msgs:
        env = envelope_pb2.Envelope()
        env.ParseFromString(msg.data)
        try:
            outcome = await self.handle(env, uuid.UUID(env.id))
        except Exception:  # as the old consumer: retried later
            outcome = "failed"
        await self._settle(msg, env, outcome)


@contextlib.contextmanager
def unbatched() -> Iterator[None]:
    batched = EventConsumer.process_batch
    EventConsumer.process_batch = _one_transaction_per_event  # type: ignore[method-assign]
    try:
        yield
    finally:
        EventConsumer.process_batch = batched  # type: ignore[method-assign]


async def _publish_marks(
    nats_url: str, world: HandComputedClass, rng: random.Random, n: int
) -> None:
    async with EventPublisher(nats_url) as pub:
        for _ in range(n):
            mark = world.mark(
                rng.randrange(len(world.students)),
                rng.choice(["math", "russian"]),
                0,
                str(rng.randint(2, 5)),
                rng.choice([1, 1, 2]),
            )
            await pub.publish(
                journal.MarkRecorded(mark=mark),
                school_id=world.school_id,
                person_id=world.teacher_id,
            )


async def measure_projection(db_url: str, nats_url: str, events: int) -> None:
    world = HandComputedClass()
    rng = random.Random(7)
    async with EventPublisher(nats_url) as pub:
        setup = 0
        for payload in [*world.roster_events(), *world.schedule_events()]:
            await pub.publish(payload, school_id=world.school_id)
            setup += 1
        for _ in range(events):
            skipped = journal.SubmissionMade(
                submission=homework_pb2.Submission(
                    id=str(uuid.uuid4()),
                    school_id=str(world.school_id),
                    student_id=str(rng.choice(world.students)),
                    status="submitted",
                )
            )
            await pub.publish(skipped, school_id=world.school_id)
    baseline = await _drain(db_url, nats_url, setup + events)

    await _publish_marks(nats_url, world, rng, events)
    projected = await _drain(db_url, nats_url, setup + 2 * events)
    await _publish_marks(nats_url, world, rng, events)
    with unbatched():
        one_by_one = await _drain(db_url, nats_url, setup + 3 * events)
    print(
        f"projection: {events:,} MarkRecorded events in {projected:.2f} s = "
        f"{events / projected:,.0f} events/s (mark, subject result, activity, progress)"
    )
    print(
        f"  baseline: {events:,} skipped events in {baseline:.2f} s = "
        f"{events / baseline:,.0f} events/s (inbox only); ratio {projected / baseline:.1f}x"
    )
    print(
        f"  before batching: {events:,} MarkRecorded events, one transaction each, in "
        f"{one_by_one:.2f} s = {events / one_by_one:,.0f} events/s; "
        f"batched is {one_by_one / projected:.1f}x faster"
    )

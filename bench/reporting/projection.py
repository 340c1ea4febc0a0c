"""Events per second the projections absorb: real envelopes in JetStream, the real service.

Events are published while reporting is stopped, then reporting starts and the time until
its inbox holds them all is taken. Baseline: as many events of a type reporting records
and skips (the consumer machinery and inbox alone).
"""

from __future__ import annotations

import random
import time
import uuid

from sqlalchemy import text

from tabel.journal.v1 import events_pb2 as journal
from tabel.journal.v1 import homework_pb2
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

    async with EventPublisher(nats_url) as pub:
        for _ in range(events):
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
    projected = await _drain(db_url, nats_url, setup + 2 * events)
    print(
        f"projection: {events:,} MarkRecorded events in {projected:.2f} s = "
        f"{events / projected:,.0f} events/s (mark, subject result, activity, progress)"
    )
    print(
        f"  baseline: {events:,} skipped events in {baseline:.2f} s = "
        f"{events / baseline:,.0f} events/s (inbox only); ratio {projected / baseline:.1f}x"
    )

"""Teachers measured end to end: a save sent, its answer, and its LessonJournalSaved event
received from NATS, per save. They save lessons wrk does not touch, so each event found for a
lesson is the probe's own."""

from __future__ import annotations

import asyncio
import random
import time
import uuid

import httpx
import nats

from tabel.events.v1 import envelope_pb2
from tabel.journal.v1 import events_pb2
from tabel_platform.events.envelope import subject_of


async def probe_saves(
    *,
    base_url: str,
    token: str,
    lessons: list[str],
    students: list[str],
    nats_url: str,
    teachers: int,
    seconds: float,
    think_ms: int,
) -> list[tuple[float, float]]:
    """(save answered, event received) in ms after sending, for every probe save."""
    waiting: dict[str, asyncio.Future[float]] = {}
    nc = await nats.connect(nats_url)

    async def on_event(msg: nats.aio.msg.Msg) -> None:
        env = envelope_pb2.Envelope.FromString(msg.data)
        saved = events_pb2.LessonJournalSaved()
        found = waiting.get(saved.lesson_id) if env.payload.Unpack(saved) else None
        if found is not None and not found.done():
            found.set_result(time.perf_counter())

    await nc.subscribe(subject_of(events_pb2.LessonJournalSaved()), cb=on_event)
    results: list[tuple[float, float]] = []
    ends = time.perf_counter() + seconds
    headers = {"Authorization": f"Bearer {token}"}

    async def teacher(mine: list[str], client: httpx.AsyncClient) -> None:
        while time.perf_counter() < ends:
            await asyncio.sleep(random.uniform(think_ms / 2, think_ms * 3 / 2) / 1000)
            lesson = random.choice(mine)
            body = {
                "topic": "Дроби",
                "marks": [
                    {
                        # like wrk's saves: a few marks per student and lesson, rewritten
                        "id": str(
                            uuid.uuid5(uuid.NAMESPACE_URL, f"{lesson}/{s}/{random.randint(0, 2)}")
                        ),
                        "student_id": s,
                        "value": str(random.randint(2, 5)),
                        "work_type": "oral",
                    }
                    for s in students
                ],
            }
            waiting[lesson] = asyncio.get_running_loop().create_future()
            sent = time.perf_counter()
            answer = await client.put(
                f"/v1/journal/lessons/{lesson}/journal",
                json=body,
                headers={**headers, "Idempotency-Key": str(uuid.uuid4())},
            )
            answered = time.perf_counter()
            answer.raise_for_status()
            received = await asyncio.wait_for(waiting[lesson], 10)
            results.append(((answered - sent) * 1000, (received - sent) * 1000))

    try:
        async with httpx.AsyncClient(base_url=base_url, timeout=10) as client:
            await asyncio.gather(*(teacher(lessons[n::teachers], client) for n in range(teachers)))
    finally:
        await nc.close()
    return results

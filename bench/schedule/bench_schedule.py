"""Schedule benchmark: materialising a year of lessons for a school of 40 classes at 30
lessons a week, and the week view of a student (requests/s, p50/p99), each as a ratio
against a baseline measured in the same run on the same machine:

- materialisation vs a plain bulk INSERT of the same number of lesson rows (the floor any
  implementation pays to store them);
- the student week view vs the service's own /healthz (the floor of one HTTP request).

Everything is real: embedded PostgreSQL and NATS, the service with its HTTP API, tokens from
identity's embedded OIDC provider and rights from its grants (GrantAdded over NATS). The week
views are asked by students for their own week, each with their own token.

    uv run python bench/schedule/bench_schedule.py [--classes 40] [--requests 2000]
"""

from __future__ import annotations

import argparse
import asyncio
import random
import statistics
import tempfile
import time
import uuid
from datetime import date
from pathlib import Path
from typing import Any

import httpx
from seed import seed_school
from sqlalchemy import text

from tabel_devstack.nats import EmbeddedNats
from tabel_devstack.postgres import EmbeddedPostgres
from tabel_identity.bootstrap import SPEC as IDENTITY
from tabel_identity.testing import OidcProvider, identity_provider
from tabel_platform.db.migrate import upgrade
from tabel_platform.testing import free_port, serve_in_process
from tabel_platform.waiting import eventually
from tabel_schedule.bootstrap import SPEC
from tabel_schedule.testing import YEAR

STUDENT_LOGINS = 20  # students with accounts; the week views rotate among them


async def timed_requests(
    client: httpx.AsyncClient, calls: list[tuple[str, dict[str, str]]], concurrency: int
) -> tuple[float, list[float]]:
    latencies: list[float] = []
    queue = list(calls)

    async def worker() -> None:
        while queue:
            url, headers = queue.pop()
            started = time.perf_counter()
            response = await client.get(url, headers=headers)
            latencies.append(time.perf_counter() - started)
            assert response.status_code == 200, response.text

    started = time.perf_counter()
    await asyncio.gather(*(worker() for _ in range(concurrency)))
    return time.perf_counter() - started, latencies


def describe(label: str, elapsed: float, latencies: list[float]) -> dict[str, float]:
    ordered = sorted(latencies)
    figures = {
        "rps": len(latencies) / elapsed,
        "p50_ms": statistics.median(ordered) * 1000,
        "p99_ms": ordered[int(len(ordered) * 0.99) - 1] * 1000,
    }
    print(
        f"  {label:<22} {figures['rps']:8.0f} req/s  p50 {figures['p50_ms']:6.1f} ms  "
        f"p99 {figures['p99_ms']:6.1f} ms"
    )
    return figures


async def unpublished(runtime: Any) -> int:
    async with runtime.db.transaction(school_id=None, all_schools=True) as session:
        query = text("SELECT count(*) FROM outbox WHERE published_at IS NULL")
        return int((await session.execute(query)).scalar_one())


async def baseline_insert(runtime: Any, rows: int) -> float:
    """Bulk INSERT of `rows` lesson-shaped rows into a scratch table, in one transaction."""
    async with runtime.db.transaction(school_id=None, all_schools=True) as session:
        await session.execute(text("CREATE TEMP TABLE scratch (LIKE lessons INCLUDING DEFAULTS)"))
        started = time.perf_counter()
        await session.execute(
            text(
                "INSERT INTO scratch (id, school_id, timetable_entry_id, day, period, starts_at,"
                " ends_at, subject_id, teacher_id, class_ids, study_group_ids, room_id, term_id)"
                " VALUES (:id, :s, :e, :d, 1, now(), now(), :s, :s, ARRAY[:s]::uuid[],"
                " '{}', :s, :s)"
            ),
            [
                {"id": uuid.uuid4(), "s": uuid.uuid4(), "e": uuid.uuid4(), "d": date(2026, 9, 1)}
                for _ in range(rows)
            ],
        )
        return time.perf_counter() - started


async def run(args: argparse.Namespace) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        pg = EmbeddedPostgres(Path(tmp) / "pg", free_port())
        nats = EmbeddedNats(Path(tmp) / "nats", free_port())
        pg.start()
        nats.start()
        try:
            url = pg.ensure_database("bench_schedule", "bench_schedule")
            await asyncio.to_thread(upgrade, url, SPEC.migrations)
            identity_url = pg.ensure_database("bench_identity", "bench_identity")
            await asyncio.to_thread(upgrade, identity_url, IDENTITY.migrations)
            async with (
                identity_provider(
                    database_url=identity_url, nats_url=nats.url, log_level="WARNING"
                ) as provider,
                serve_in_process(
                    SPEC,
                    database_url=url,
                    nats_url=nats.url,
                    oidc_issuers=provider.issuer,
                    oidc_audience=provider.audience,
                    log_level="WARNING",
                ) as service,
            ):
                await measure(args, service, provider)
        finally:
            nats.stop()
            pg.stop()


async def login(
    provider: OidcProvider, service: Any, school_id: uuid.UUID, person: uuid.UUID, role: str
) -> dict[str, str]:
    """An account of `person` with `role` granted in the school, once schedule has the grant."""
    username, password = f"u{uuid.uuid4().hex[:10]}", f"Pw1-{uuid.uuid4().hex}"
    account = await provider.create_account(
        username, password, person_id=person, school_ids=[school_id]
    )
    await provider.grant(account, role, school_id=school_id)

    async def granted() -> int:
        async with service.runtime.db.transaction(school_id=school_id) as session:
            query = text("SELECT count(*) FROM grants WHERE person_id = :p")
            return int((await session.execute(query, {"p": person})).scalar_one())

    await eventually(granted, lambda n: n > 0)
    token = await provider.password_token(username, password)
    return {"authorization": f"Bearer {token}", "x-tabel-school": str(school_id)}


async def measure(args: argparse.Namespace, service: Any, provider: OidcProvider) -> None:
    school_id = uuid.uuid4()
    admin = await login(provider, service, school_id, uuid.uuid4(), "administrator")
    async with httpx.AsyncClient(base_url=service.http_url, timeout=600) as client:
        school = await seed_school(client, service.runtime, school_id, admin, args.classes)
        started = time.perf_counter()
        response = await client.post(
            f"/v1/academic-years/{school.year_id}/materialise", json={}, headers=admin
        )
        materialise_s = time.perf_counter() - started
        assert response.status_code == 200, response.text
        created = response.json()["created"]
        insert_s = await baseline_insert(service.runtime, created)
        started = time.perf_counter()
        again = await client.post(
            f"/v1/academic-years/{school.year_id}/materialise", json={}, headers=admin
        )
        regenerate_s = time.perf_counter() - started
        assert again.status_code == 200, again.text
        print(f"\nSchool: {args.classes} classes x 30 lessons/week, year {YEAR['start_year']}")
        print(
            f"  materialise: {created} lessons (+ {created} LessonScheduled events) "
            f"in {materialise_s:.2f} s = {created / materialise_s:.0f} lessons/s"
        )
        print(
            f"  baseline bulk INSERT of {created} rows: {insert_s:.2f} s "
            f"-> ratio {materialise_s / insert_s:.1f}x"
        )
        print(
            f"  regeneration with nothing changed ({again.json()['created']} new): "
            f"{regenerate_s:.2f} s"
        )

        # Let the outbox relay publish the year's events first: it shares this process.
        started = time.perf_counter()
        await eventually(lambda: unpublished(service.runtime), lambda n: n == 0, timeout=600)
        print(
            "  relay published the events to NATS within "
            f"{time.perf_counter() - started:.1f} s more"
        )
        students = random.sample(school.students, STUDENT_LOGINS)
        tokens = [await login(provider, service, school_id, s, "student") for s in students]
        weeks = ["2026-09-14", "2026-10-05", "2026-11-16", "2027-02-08", "2027-04-19"]
        calls = []
        for _ in range(args.requests):
            n = random.randrange(STUDENT_LOGINS)
            url = f"/v1/weeks?date={random.choice(weeks)}&student_id={students[n]}"
            calls.append((url, tokens[n]))
        await timed_requests(client, calls[:50], args.concurrency)  # warm-up
        print(
            f"\nWeek view of a student, {args.requests} requests, concurrency {args.concurrency}:"
        )
        base_elapsed, base_lat = await timed_requests(
            client, [("/healthz", admin)] * args.requests, args.concurrency
        )
        base = describe("baseline /healthz", base_elapsed, base_lat)
        elapsed, lat = await timed_requests(client, calls, args.concurrency)
        view = describe("student week view", elapsed, lat)
        print(
            f"  ratio to baseline: {view['rps'] / base['rps']:.2f}x of its req/s, "
            f"p99 {view['p99_ms'] / base['p99_ms']:.1f}x"
        )
        print(
            "\nReproduce: uv run python bench/schedule/bench_schedule.py "
            f"--classes {args.classes} --requests {args.requests} "
            f"--concurrency {args.concurrency}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--classes", type=int, default=40)
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--concurrency", type=int, default=16)
    asyncio.run(run(parser.parse_args()))


if __name__ == "__main__":
    main()

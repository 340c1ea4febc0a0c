"""Reporting benchmark: a generated region, report timings, and the projection's events/s.

    uv run python bench/reporting/run.py                 # 300 schools, 100,000 students
    uv run python bench/reporting/run.py --students 20000 --schools 60   # quicker
    DATABASE_URL=... uv run python bench/reporting/run.py --database bench_reporting_xxxxxx
        # time the reports again on a region generated before (kept on that server)

Starts an embedded PostgreSQL and NATS in a temporary directory (or uses DATABASE_URL, a
superuser URL, and NATS_URL). Baselines, measured in the same run:
- class term report vs reading the class's subject results alone (the data it needs);
- municipal dashboard vs counting the municipality's subject results (one scan);
- projection events/s vs the same consumer machinery on events it records and skips.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import sys
import tempfile
import time
import uuid
from datetime import date
from pathlib import Path

import asyncpg

sys.path.insert(0, str(Path(__file__).resolve().parent))

from projection import measure_projection
from region import Region, statements

from tabel_devstack._proc import free_port
from tabel_devstack.nats import EmbeddedNats
from tabel_devstack.postgres import EmbeddedPostgres, ExternalPostgres
from tabel_platform.auth.principal import Principal
from tabel_platform.db.database import Database
from tabel_platform.db.migrate import upgrade
from tabel_reporting.service_layer.analytics import progress_aggregates
from tabel_reporting.service_layer.class_progress import class_progress


class _Runtime:
    """What the two use cases touch of a Runtime: the database."""

    def __init__(self, db: Database) -> None:
        self.db = db


def timed(samples: list[float]) -> str:
    ms = sorted(s * 1000 for s in samples)
    p95 = ms[min(len(ms) - 1, int(len(ms) * 0.95))]
    return f"median {statistics.median(ms):8.1f} ms   p95 {p95:8.1f} ms   (n={len(ms)})"


async def load(url: str, region: Region) -> None:
    conn = await asyncpg.connect(url)
    try:
        await conn.execute("SELECT set_config('tabel.all_schools', 'on', false)")
        for label, sql in statements(region):
            began = time.perf_counter()
            status = await conn.execute(sql)
            print(f"  {label:<36} {status:<22} {time.perf_counter() - began:7.1f} s", flush=True)
    finally:
        await conn.close()


async def time_reports(url: str, region: Region, repeats: int) -> None:
    db = Database(url.replace("postgresql://", "postgresql+asyncpg://"), pool_size=2)
    runtime = _Runtime(db)
    conn = await asyncpg.connect(url)
    await conn.execute("SELECT set_config('tabel.all_schools', 'on', false)")
    director, analyst = "bench-director", "bench-analyst"
    municipality = await conn.fetchval("SELECT md5('m0')::uuid")
    await conn.execute(
        "INSERT INTO grants SELECT gen_random_uuid(), $1, NULL, school_id, 3, 0, NULL, false, now()"
        " FROM schools",
        director,
    )
    await conn.execute(
        "INSERT INTO grants VALUES (gen_random_uuid(), $1, NULL, NULL, 15, 1, NULL, false, now())",
        analyst,
    )
    classes = await conn.fetch(
        "SELECT c.class_id, c.school_id, t.term_id FROM classes c JOIN schools s USING (school_id)"
        " JOIN terms t ON t.school_id = c.school_id AND t.number = 1"
        " WHERE s.municipality_id = $1 ORDER BY md5(c.class_id::text) LIMIT $2",
        municipality,
        repeats,
    )
    boss = Principal(subject=director, issuer="bench")
    looker = Principal(subject=analyst, issuer="bench", roles=frozenset({"municipal_analyst"}))
    report, baseline = [], []
    for row in classes:
        began = time.perf_counter()
        await class_progress(
            runtime=runtime,
            principal=boss,
            school_id=row["school_id"],  # type: ignore[arg-type]
            class_id=row["class_id"],
            term_id=row["term_id"],
            today=time_today(),
        )
        report.append(time.perf_counter() - began)
        began = time.perf_counter()
        await conn.fetch(
            "SELECT r.* FROM subject_results r JOIN memberships m ON m.person_id = r.student_id"
            " WHERE m.class_id = $1 AND r.term_id = $2",
            row["class_id"],
            row["term_id"],
        )
        baseline.append(time.perf_counter() - began)
    print(f"class term report (JSON model)       {timed(report)}")
    print(f"  baseline: its subject results only {timed(baseline)}")
    print(
        f"  ratio report / baseline: {statistics.median(report) / statistics.median(baseline):.1f}x"
    )

    for label, kwargs in [
        (
            "municipal dashboard (by school)",
            {"municipality_id": municipality, "group_by": ["school"]},
        ),
        (
            "municipality by grade x subject",
            {"municipality_id": municipality, "group_by": ["grade_level", "subject"]},
        ),
        ("whole region by municipality", {"municipality_id": None, "group_by": ["municipality"]}),
    ]:
        samples = []
        for _ in range(2):
            began = time.perf_counter()
            await progress_aggregates(runtime=runtime, principal=looker, **kwargs)  # type: ignore[arg-type]
            samples.append(time.perf_counter() - began)
        print(f"{label:<37}{timed(samples)}")
    scan = []
    for _ in range(3):
        began = time.perf_counter()
        await conn.fetchval(
            "SELECT count(*) FROM subject_results WHERE school_id IN"
            " (SELECT school_id FROM schools WHERE municipality_id = $1)",
            municipality,
        )
        scan.append(time.perf_counter() - began)
    print(f"  baseline: count municipality's results {timed(scan)}")
    await conn.close()
    await db.dispose()


def time_today() -> date:
    return date(2026, 6, 1)


def plain(url: str) -> str:
    """asyncpg wants `postgresql://`."""
    return url.replace("postgresql+asyncpg://", "postgresql://")


async def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--schools", type=int, default=300)
    parser.add_argument("--students", type=int, default=100_000)
    parser.add_argument("--municipalities", type=int, default=10)
    parser.add_argument("--repeats", type=int, default=50)
    parser.add_argument("--events", type=int, default=5_000)
    parser.add_argument(
        "--database", help="a region generated by an earlier run on DATABASE_URL: time only"
    )
    args = parser.parse_args()
    region = Region(args.municipalities, args.schools, args.students)
    work = Path(tempfile.mkdtemp(prefix="tabel-bench-reporting-"))
    pg = ExternalPostgres(os.environ["DATABASE_URL"]) if os.environ.get("DATABASE_URL") else None
    nats = None
    if pg is None:
        pg = EmbeddedPostgres(work / "pg", free_port())
        pg.start()
    if not os.environ.get("NATS_URL"):
        nats = EmbeddedNats(work / "nats", free_port())
        nats.start()
    nats_url = os.environ.get("NATS_URL") or nats.url  # type: ignore[union-attr]
    try:
        name = args.database or f"bench_reporting_{uuid.uuid4().hex[:6]}"
        url = plain(pg.ensure_database(name, name + "_owner", password="bench"))
        upgrade(url, "tabel_reporting:migrations")
        print(
            f"region: {region.municipalities} municipalities, {region.schools} schools, "
            f"{region.students:,} students; database {name}"
        )
        if not args.database:
            began = time.perf_counter()
            await load(url, region)
            print(f"  generated in {time.perf_counter() - began:.0f} s")
        await time_reports(url, region, args.repeats)
        if not args.database:
            fresh = pg.ensure_database(name + "_p", name + "_p_owner", password="bench")
            upgrade(fresh, "tabel_reporting:migrations")
            await measure_projection(fresh, nats_url, args.events)
    finally:
        if nats is not None:
            nats.stop()
        if isinstance(pg, EmbeddedPostgres):
            pg.stop()
    print("reproduce: uv run python bench/reporting/run.py " + " ".join(sys.argv[1:]))


if __name__ == "__main__":
    asyncio.run(main())

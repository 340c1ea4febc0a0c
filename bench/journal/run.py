"""Journal benchmark: the lesson save (25 students) and the diary week, against a bare FastAPI
endpoint measured in the same run; and the delay from a saved mark to its event.

    uv run python bench/journal/run.py [--seconds 15] [--concurrency 50] [--other-classes 30]
        [--pool 10] [--workers 2] [--profile DIR]   (py-spy raw stacks of the journal per phase)

With --workers N the journal runs N processes (`serve --workers N`) and so does the bare
endpoint (`uvicorn --workers N`), so the ratio compares like with like.

Every party has its own process: embedded PostgreSQL and NATS, the real identity provider
(tokens by the password grant, validated by the journal through JWKS as in production), the
journal (`python -m tabel_journal serve`), the bare endpoint (uvicorn), and the load generator
(wrk, C, not Python). A school year of data is seeded first. Needs `wrk` (apt-get install wrk).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import secrets
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import httpx

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from load import beside, cpu_seconds, event_delays, run_wrk  # noqa: E402
from probe import probe_saves  # noqa: E402
from wrk_scripts import bare_script, diary_script, save_script  # noqa: E402
from year import seed_year  # noqa: E402

from tabel_devstack._proc import free_port  # noqa: E402
from tabel_devstack.nats import EmbeddedNats  # noqa: E402
from tabel_devstack.postgres import TEST_SETTINGS, EmbeddedPostgres  # noqa: E402
from tabel_devstack.testing import DatabaseTemplates  # noqa: E402
from tabel_identity.testing import identity_provider  # noqa: E402
from tabel_journal import demo  # noqa: E402

TEACHERS = "teachers at work (saves paced)"
MIXED = "diary week while teachers save"  # every save voids its school's cached weeks
PROBES = 10  # of the teachers, timed end to end by probe.py (the rest by wrk)
PROBED_LESSONS = 200  # lessons only the probes save
PHASES = {
    "bare endpoint": "bare",
    "diary week view": "diary",
    TEACHERS: "teachers",
    MIXED: "mixed",
    "lesson save (25 students)": "lesson",
}


def start(argv: list[str], env: dict[str, str], log: Path) -> subprocess.Popen[bytes]:
    out = log.open("wb")
    return subprocess.Popen(argv, env={**os.environ, **env}, stdout=out, stderr=out)


def tail(log: Path) -> str:
    return log.read_text()[-3000:]


async def wait_http(url: str, proc: subprocess.Popen[bytes], log: Path) -> None:
    async with httpx.AsyncClient() as c:
        for _ in range(300):
            if proc.poll() is not None:
                raise SystemExit(f"{url} died:\n{tail(log)}")
            try:
                if (await c.get(url)).status_code < 500:
                    return
            except httpx.TransportError:
                pass
            await asyncio.sleep(0.1)
    raise SystemExit(f"{url} did not start")


async def tokens(provider: Any, people: list[Any]) -> list[str]:
    out = []
    for person in people:
        name, password = f"b{secrets.token_hex(5)}", "Pw1-" + secrets.token_urlsafe(12)
        await provider.create_account(name, password, person_id=person, school_ids=[demo.SCHOOL])
        out.append(str(await provider.password_token(name, password)))
    return out


async def profiled(pid: int, seconds: float, out: Path | None, load: Any) -> Any:
    """With --profile: py-spy samples the journal process while the load runs (raw stacks)."""
    if out is None:
        return await load
    spy = await asyncio.create_subprocess_exec(
        "py-spy", "record", "--pid", str(pid), "--duration", str(int(seconds)), "--rate", "200",
        "--format", "raw", "--nonblocking", "--subprocesses", "-o", str(out),
        stdout=asyncio.subprocess.DEVNULL, stderr=asyncio.subprocess.DEVNULL,
    )  # fmt: skip
    result = await load
    await spy.wait()
    return result


async def main(
    seconds: float,
    concurrency: int,
    other_classes: int,
    workdir: Path,
    profile: Path | None,
    pool: int,
    workers: int,
    phases: set[str],
    think_ms: int,
) -> None:
    pg = EmbeddedPostgres(workdir / "pg", free_port(), settings=TEST_SETTINGS)
    ns = EmbeddedNats(workdir / "nats", free_port())
    pg.start()
    ns.start()
    procs: list[subprocess.Popen[bytes]] = []
    try:
        templates = DatabaseTemplates(pg)
        _, journal_db = templates.create("tabel_journal:migrations")
        _, identity_db = templates.create("tabel_identity:migrations")
        async with identity_provider(
            database_url=identity_db, nats_url=ns.url, oidc_access_token_ttl_s=3600
        ) as idp:
            env = {
                "SERVICE_NAME": "journal",
                "DATABASE_URL": journal_db,
                "NATS_URL": ns.url,
                "OIDC_ISSUERS": idp.issuer,
                "OIDC_AUDIENCE": idp.audience,
                "LOG_LEVEL": "WARNING",
                "DATABASE_POOL_SIZE": str(pool),
                "HTTP_WORKERS": str(workers),
                "ATTACHMENTS_DIR": str(workdir / "files"),
            }
            seed = await asyncio.create_subprocess_exec(
                sys.executable, "-m", "tabel_journal", "seed-demo", env={**os.environ, **env},
                stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.STDOUT,
            )  # fmt: skip
            seeded, _ = await seed.communicate()
            if b"journal:" not in seeded:
                raise SystemExit(f"seed-demo failed:\n{seeded.decode()[-3000:]}")
            lessons_5a = await seed_year(journal_db, other_classes=other_classes)
            j_port, b_port = free_port(), free_port()
            journal_env = {**env, "HTTP_PORT": str(j_port), "GRPC_PORT": str(free_port())}
            j_log, b_log = workdir / "journal.log", workdir / "bare.log"
            procs.append(
                start([sys.executable, "-m", "tabel_journal", "serve"], journal_env, j_log)
            )
            procs.append(start(
                [sys.executable, "-m", "uvicorn", "bare:app", "--app-dir", str(HERE),
                 "--port", str(b_port), "--no-access-log", "--log-level", "warning",
                 "--workers", str(workers)],
                {}, b_log,
            ))  # fmt: skip
            await wait_http(f"http://127.0.0.1:{j_port}/health/live", procs[0], j_log)
            await wait_http(f"http://127.0.0.1:{b_port}/bare", procs[1], b_log)
            teacher = (await tokens(idp, [demo.TEACHER]))[0]
            families = 10
            guardian_tokens = await tokens(idp, demo.GUARDIANS[:families])
            lesson_ids = await year_lessons(journal_db)
            # the probes' share, smaller early in the school year, when few lessons are past
            split = len(lesson_ids) - min(PROBED_LESSONS, len(lesson_ids) // 3)
            monday = date.today() - timedelta(days=date.today().weekday())
            year_start = date(monday.year if monday.month >= 9 else monday.year - 1, 9, 1)
            weeks = [
                (monday - timedelta(weeks=w)).isoformat()
                for w in range(0, 40)
                if monday - timedelta(weeks=w) >= year_start - timedelta(days=6)
            ]
            scripts = {
                "bare endpoint": (bare_script(workdir / "bare.lua"), b_port, "/bare"),
                "diary week view": (
                    diary_script(
                        workdir / "diary.lua",
                        students=[str(s) for s in demo.STUDENTS[:families]],
                        tokens=guardian_tokens,
                        weeks=weeks,
                    ),
                    j_port,
                    "/",
                ),
                # the paced phase first: the saturating one leaves vacuum work behind
                TEACHERS: (
                    save_script(
                        workdir / "teachers.lua",
                        lessons=lesson_ids[:split],
                        students=[str(s) for s in demo.STUDENTS],
                        token=teacher,
                        think_ms=think_ms,
                    ),
                    j_port,
                    "/",
                ),
                "lesson save (25 students)": (
                    save_script(
                        workdir / "save.lua",
                        lessons=lesson_ids,
                        students=[str(s) for s in demo.STUDENTS],
                        token=teacher,
                    ),
                    j_port,
                    "/",
                ),
            }
            # parents reading while teachers save: diary connections measured, the paced
            # teachers (as in TEACHERS) running beside them
            scripts[MIXED] = (scripts["diary week view"][0], j_port, "/")
            results: dict[str, dict[str, float]] = {}
            delays: dict[str, list[float]] = {}
            probed: list[tuple[float, float]] = []
            for name, (script, port, path) in scripts.items():
                if PHASES[name] not in phases:
                    continue
                await run_wrk(script, port, path, 3, concurrency)  # warm-up, not counted
                out = profile / f"{name.split()[0]}.txt" if profile and port == j_port else None
                connections = concurrency - PROBES if name == TEACHERS else concurrency
                measured = run_wrk(script, port, path, seconds, connections)
                if name == MIXED:
                    measured = beside(measured, run_wrk(
                        scripts[TEACHERS][0], port, path, seconds, concurrency - PROBES
                    ))  # fmt: skip
                load = profiled(procs[0].pid, seconds, out, measured)
                server = procs[0] if port == j_port else procs[1]
                assert pg.pid is not None
                before = cpu_seconds(server.pid), cpu_seconds(pg.pid)
                if name == TEACHERS:
                    probe = probe_saves(
                        base_url=f"http://127.0.0.1:{j_port}",
                        token=teacher,
                        lessons=lesson_ids[split:],
                        students=[str(s) for s in demo.STUDENTS],
                        nats_url=ns.url,
                        teachers=PROBES,
                        seconds=seconds,
                        think_ms=think_ms,
                    )
                    (results[name], delays[name]), probed = await asyncio.gather(
                        event_delays(ns.url, load), probe
                    )
                elif port == j_port and "save" in name:
                    results[name], delays[name] = await event_delays(ns.url, load)
                else:
                    results[name] = await load
                done = results[name]["rps"] * seconds
                results[name]["app_cpu_ms"] = (cpu_seconds(server.pid) - before[0]) / done * 1e3
                results[name]["pg_cpu_ms"] = (cpu_seconds(pg.pid) - before[1]) / done * 1e3
            report(
                results, delays, seconds, concurrency, other_classes, lessons_5a, pool, workers,
                phases, think_ms, probed,
            )  # fmt: skip
    finally:
        for p in procs:
            p.terminate()
            p.wait(timeout=20)
        ns.stop()
        pg.stop()


async def year_lessons(database_url: str) -> list[str]:
    from sqlalchemy import text

    from tabel_platform.db.database import Database

    db = Database(database_url, pool_size=1)
    try:
        async with db.transaction(school_id=demo.SCHOOL) as s:
            rows = await s.execute(
                text("SELECT lesson_id::text FROM lessons WHERE school_id = :s "
                     "AND :c = ANY(class_ids) AND subject_id <> :m "
                     "AND date < current_date"),  # later ones take no marks yet
                {"s": demo.SCHOOL, "c": demo.CLASS, "m": demo.MATH},
            )  # fmt: skip
            return list(rows.scalars())
    finally:
        await db.dispose()


def report(
    results: dict[str, dict[str, float]],
    delays: dict[str, list[float]],
    seconds: float,
    concurrency: int,
    other_classes: int,
    lessons_5a: int,
    pool: int,
    workers: int,
    phases: set[str],
    think_ms: int,
    probed: list[tuple[float, float]],
) -> None:
    base = results["bare endpoint"]["rps"]
    print(f"journal benchmark: {os.cpu_count()} cores shared by PostgreSQL, NATS, the journal "
          f"({workers} process(es)), the bare endpoint ({workers}) and wrk; "
          f"{concurrency} connections, "
          f"{seconds:.0f} s each; "
          f"a year: 5А with {lessons_5a} lessons + {other_classes} other classes")  # fmt: skip
    for name, r in results.items():
        print(f"  {name:27s} {r['rps']:8.0f} rps ({r['rps'] / base:5.2f}× bare)  "
              f"p50 {r['p50_ms']:6.1f} ms  p99 {r['p99_ms']:7.1f} ms  "
              f"non-2xx {r['non2xx']:.0f}  socket errors {r['socket']:.0f}  "
              f"CPU per request: server {r['app_cpu_ms']:.2f} ms, "
              f"PostgreSQL {r['pg_cpu_ms']:.2f} ms")  # fmt: skip
    for name, found in delays.items():
        if len(found) < 2:
            continue
        q = statistics.quantiles(found, n=100)
        print(f"  {name}: saved -> its event received from NATS: p50 "
              f"{statistics.median(found):.1f} ms, p99 {q[98]:.1f} ms "
              f"over {len(found)} events")  # fmt: skip
    if diary := results.get("diary week view"):
        print(f"  target: diary ≥ 0.5× bare: {'met' if diary['rps'] >= 0.5 * base else 'MISSED'}")
    if save := results.get(TEACHERS):
        answered, delivered = ([p[i] for p in probed] for i in (0, 1))
        a99, d99 = (statistics.quantiles(x, n=100)[98] for x in (answered, delivered))
        print(f"  {TEACHERS}, {PROBES} of the {concurrency} teachers timed end to end over "
              f"{len(probed)} saves: answered p50 {statistics.median(answered):.1f} ms, "
              f"p99 {a99:.1f} ms; its event received p50 {statistics.median(delivered):.1f} ms, "
              f"p99 {d99:.1f} ms (from sending the save)")  # fmt: skip
        met = max(save["p99_ms"], a99, d99) < 50
        print(f"  target: with {concurrency} teachers a lesson saved end to end with its event "
              f"under 50 ms at p99: {'met' if met else 'MISSED'}")  # fmt: skip
    print(f"reproduce: uv run python bench/journal/run.py --seconds {seconds:.0f} "
          f"--concurrency {concurrency} --other-classes {other_classes} --pool {pool} "
          f"--workers {workers} --phases {','.join(sorted(phases))} "
          f"--think-ms {think_ms}")  # fmt: skip


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=15)
    parser.add_argument("--concurrency", type=int, default=50)
    parser.add_argument("--other-classes", type=int, default=30)
    parser.add_argument("--profile", type=Path, help="write py-spy stacks of the journal here")
    parser.add_argument("--pool", type=int, default=10, help="the journal's DATABASE_POOL_SIZE")
    parser.add_argument(
        "--workers",
        type=int,
        default=2,
        help="journal (and bare) processes; 2 like the 2 cores (the chart runs 3+ journal pods)",
    )
    parser.add_argument(
        "--phases",
        default="bare,diary,lesson,teachers,mixed",
        help="which of bare,diary,lesson,teachers,mixed to run",
    )
    parser.add_argument(
        "--think-ms",
        type=int,
        default=1000,
        help="teachers phase: each connection waits about this long between saves",
    )
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is needed: apt-get install -y wrk")
    workdir = Path(tempfile.mkdtemp(prefix="tabel-bench-"))
    started = time.perf_counter()
    try:
        asyncio.run(
            main(
                args.seconds,
                args.concurrency,
                args.other_classes,
                workdir,
                args.profile,
                args.pool,
                args.workers,
                {"bare", *args.phases.split(",")},
                args.think_ms,
            )
        )
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    print(f"(whole run {time.perf_counter() - started:.0f} s)")

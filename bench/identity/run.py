"""Identity benchmark: token validation (the shared TokenValidator every service uses, on a
real token of the provider) and AuthorizationService.Check over gRPC, each against an empty
RPC (grpc.health.v1 Health/Check) measured in the same run, on the same channel.

    uv run python bench/identity/run.py [--seconds 10] [--concurrency 32]

Embedded PostgreSQL and NATS; identity serves in its own process (`python -m tabel_identity
serve`); this process is the load generator (grpc.aio, `concurrency` calls in flight). The
Check is the real decision: a teacher's grants (school-wide + one class), the school's and the
role's overrides, a class-scoped permission, read from PostgreSQL on every call.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import httpx
from grpc_health.v1 import health_pb2, health_pb2_grpc
from sqlalchemy import text

from tabel.identity.v1 import authorization_service_pb2 as pb
from tabel.identity.v1 import authorization_service_pb2_grpc as pb_grpc
from tabel.identity.v1 import grants_pb2
from tabel_devstack._proc import free_port
from tabel_devstack.nats import EmbeddedNats
from tabel_devstack.postgres import TEST_SETTINGS, EmbeddedPostgres
from tabel_devstack.testing import DatabaseTemplates
from tabel_identity.testing import OidcProvider, identity_provider
from tabel_platform.auth.tokens import TokenValidator
from tabel_platform.grpc.client import create_channel

SCHOOL, CLASS = uuid.uuid4(), uuid.uuid4()
Call = Callable[[], Awaitable[Any]]


async def seed(provider: OidcProvider) -> uuid.UUID:
    """A school and a class as roster's events would leave them; a teacher with grants."""
    async with provider.handle.runtime.db.transaction(school_id=None, all_schools=True) as s:
        await s.execute(text(
            "INSERT INTO schools (school_id, municipality_id, name, short_name, domains, status,"
            " updated_at) VALUES (:s, :m, 'Школа', 'Школа', ARRAY['bench.test'], 'active', now())"
        ), {"s": SCHOOL, "m": uuid.uuid4()})  # fmt: skip
        await s.execute(
            text("INSERT INTO classes VALUES (:s, :c, '5А')"), {"s": SCHOOL, "c": CLASS}
        )
    teacher = await provider.create_account("bench-teacher", "Uchitel-2026", person_id=uuid.uuid4(),
                                            school_ids=[SCHOOL])  # fmt: skip
    await provider.grant(teacher, "teacher", school_id=SCHOOL)
    await provider.grant(teacher, "teacher", school_id=SCHOOL, scope=("class", CLASS))
    return teacher


async def measure(call: Call, seconds: float, concurrency: int) -> dict[str, float]:
    latencies: list[float] = []
    deadline = time.perf_counter() + seconds

    async def worker() -> None:
        while time.perf_counter() < deadline:
            start = time.perf_counter()
            await call()
            latencies.append(time.perf_counter() - start)

    began = time.perf_counter()
    await asyncio.gather(*(worker() for _ in range(concurrency)))
    elapsed = time.perf_counter() - began
    q = statistics.quantiles(latencies, n=100)
    return {"rate": len(latencies) / elapsed, "p50_ms": q[49] * 1e3, "p99_ms": q[98] * 1e3,
            "calls": len(latencies)}  # fmt: skip


async def wait_live(url: str, proc: subprocess.Popen[bytes], log: Path) -> None:
    async with httpx.AsyncClient() as client:
        for _ in range(300):
            if proc.poll() is not None:
                break
            try:
                if (await client.get(url)).status_code == 200:
                    return
            except httpx.TransportError:
                pass
            await asyncio.sleep(0.1)
    tail = await asyncio.to_thread(log.read_text)
    raise SystemExit(f"identity did not start ({proc.poll()}):\n{tail[-3000:]}")


def start_server(env: dict[str, str], log: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "tabel_identity", "serve"], env={**os.environ, **env},
        stdout=log.open("wb"), stderr=subprocess.STDOUT,
    )  # fmt: skip


async def main(seconds: float, concurrency: int, workdir: Path) -> None:
    pg = EmbeddedPostgres(workdir / "pg", free_port(), settings=TEST_SETTINGS)
    ns = EmbeddedNats(workdir / "nats", free_port())
    pg.start()
    ns.start()
    server: subprocess.Popen[bytes] | None = None
    try:
        _, database_url = DatabaseTemplates(pg).create("tabel_identity:migrations")
        async with identity_provider(database_url=database_url, nats_url=ns.url) as seeding:
            teacher = await seed(seeding)
            public_url, issuer, audience = seeding.url, seeding.issuer, seeding.audience
        http_port, grpc_port = int(public_url.rsplit(":", 1)[1]), free_port()
        env = {
            "SERVICE_NAME": "identity", "DATABASE_URL": database_url, "NATS_URL": ns.url,
            "HTTP_PORT": str(http_port), "GRPC_PORT": str(grpc_port), "PUBLIC_URL": public_url,
            "OIDC_ISSUERS": issuer, "LOG_LEVEL": "WARNING", "OIDC_ACCESS_TOKEN_TTL_S": "3600",
            "ARGON2_TIME_COST": "1", "ARGON2_MEMORY_KIB": "1024", "ARGON2_PARALLELISM": "1",
        }  # fmt: skip
        log = workdir / "identity.log"
        server = start_server(env, log)
        await wait_live(f"{public_url}/readyz", server, log)
        await run_load(public_url, issuer, audience, f"127.0.0.1:{grpc_port}", teacher,
                       seconds, concurrency)  # fmt: skip
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=20)
        ns.stop()
        pg.stop()


async def run_load(
    public_url: str, issuer: str, audience: str, target: str, teacher: uuid.UUID,
    seconds: float, concurrency: int,
) -> None:  # fmt: skip
    async with httpx.AsyncClient(base_url=public_url) as http:
        token_url = "/realms/tabel/protocol/openid-connect/token"
        person = await http.post(token_url, data={"grant_type": "password", "client_id":
                                 "tabel-cli", "username": "bench-teacher",
                                 "password": "Uchitel-2026"})  # fmt: skip
        service = await http.post(token_url, data={"grant_type": "client_credentials",
                                  "client_id": "svc-journal",
                                  "client_secret": "tabel-dev-secret-journal"})  # fmt: skip
    person_token, service_token = person.json()["access_token"], service.json()["access_token"]

    async def tokens() -> str:
        return str(service_token)

    channel = create_channel(target, tokens=tokens)
    health = health_pb2_grpc.HealthStub(channel)
    authz = pb_grpc.AuthorizationServiceStub(channel)
    on_class = grants_pb2.Scope(kind=grants_pb2.SCOPE_KIND_CLASS, id=str(CLASS))
    check = pb.CheckRequest(subject=str(teacher), permission="journal.mark.write",
                            school_id=str(SCHOOL), scope=on_class)  # fmt: skip
    assert (await authz.Check(check)).allowed, "the teacher may mark in their class"
    # Every service's validator caches a validated token until it expires (at most 60 s):
    # measured both ways, the signature checked on every call and the repeated token.
    verifying = TokenValidator(issuers=[issuer], audience=audience, cache_max_entries=0)
    caching = TokenValidator(issuers=[issuer], audience=audience)
    for validator in (verifying, caching):  # JWKS fetched once, before measuring
        assert (await validator.validate(person_token)).person_id is not None

    calls: dict[str, Call] = {
        "empty RPC (Health/Check)": lambda: health.Check(health_pb2.HealthCheckRequest()),
        "AuthorizationService.Check": lambda: authz.Check(check),
        "token validation, RS256 checked": lambda: verifying.validate(person_token),
        "token validation, cached token": lambda: caching.validate(person_token),
    }
    results = {}
    for name, call in calls.items():
        await measure(call, min(2.0, seconds), concurrency)  # warm-up, not counted
        results[name] = await measure(call, seconds, concurrency)
    await channel.close(grace=None)
    report(results, seconds, concurrency)


def report(results: dict[str, dict[str, float]], seconds: float, concurrency: int) -> None:
    base = results["empty RPC (Health/Check)"]
    print(f"identity benchmark: {os.cpu_count()} cores shared by PostgreSQL, NATS, identity "
          f"(1 process) and this load generator; {concurrency} calls in flight, "
          f"{seconds:.0f} s each")  # fmt: skip
    for name, r in results.items():
        print(f"  {name:31s} {r['rate']:8.0f} calls/s ({r['rate'] / base['rate']:7.2f}× empty "
              f"RPC)  p50 {r['p50_ms']:8.3f} ms  p99 {r['p99_ms']:8.3f} ms "
              f"({r['p99_ms'] / base['p99_ms']:5.3f}× empty RPC)")  # fmt: skip
    print(
        "  (validation runs in the load generator's process, as in a service; the RPCs cross "
        "to the identity process)"
    )
    print(f"command: uv run python bench/identity/run.py --seconds {seconds:g} "
          f"--concurrency {concurrency}")  # fmt: skip


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--concurrency", type=int, default=32)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="tabel-bench-identity-") as tmp:
        asyncio.run(main(args.seconds, args.concurrency, Path(tmp)))

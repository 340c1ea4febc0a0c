"""Running wrk against one endpoint, and listening to the journal's mark events meanwhile."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Awaitable
from datetime import UTC, datetime
from pathlib import Path
from typing import TypeVar

import nats
import psutil

from tabel.events.v1 import envelope_pb2
from tabel_platform.events.envelope import event_time

T = TypeVar("T")


async def run_wrk(
    script: Path, port: int, path: str, seconds: float, concurrency: int
) -> dict[str, float]:
    proc = await asyncio.create_subprocess_exec(
        "wrk", f"-t{min(2, concurrency)}", f"-c{concurrency}", f"-d{seconds:.0f}s",
        "--timeout", "10s",
        "-s", str(script), f"http://127.0.0.1:{port}{path}",
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.STDOUT,
    )  # fmt: skip
    out, _ = await proc.communicate()
    line = next((x for x in out.decode().splitlines() if x.startswith("JSON ")), None)
    if line is None:
        raise SystemExit(f"wrk failed:\n{out.decode()}")
    r = json.loads(line[5:])
    return {
        "rps": r["requests"] / (r["duration_us"] / 1e6),
        "p50_ms": r["p50_us"] / 1000,
        "p99_ms": r["p99_us"] / 1000,
        "non2xx": r["non2xx"],
        "socket": r["socket"],
    }


async def event_delays(nats_url: str, load: Awaitable[T]) -> tuple[T, list[float]]:
    """While `load` runs: for every journal event the relay publishes, the time from the event
    (stamped in the saving transaction) to its arrival at this subscriber."""
    nc = await nats.connect(nats_url)
    delays: list[float] = []

    async def on_message(msg: nats.aio.msg.Msg) -> None:
        env = envelope_pb2.Envelope()
        env.ParseFromString(msg.data)
        delays.append((datetime.now(UTC) - event_time(env)).total_seconds() * 1000)

    await nc.subscribe("tabel.journal.>", cb=on_message)
    try:
        result = await load
        await asyncio.sleep(2)  # the relay's tail
    finally:
        await nc.close()
    return result, delays


def cpu_seconds(pid: int) -> float:
    """CPU time (user + system) of a process and all its descendants so far."""
    root = psutil.Process(pid)
    own = root.cpu_times()  # with the children it has reaped (PostgreSQL's ended backends)
    total = own.user + own.system + own.children_user + own.children_system
    for p in root.children(recursive=True):
        try:
            t = p.cpu_times()
        except psutil.NoSuchProcess:
            continue
        total += t.user + t.system
    return total


async def beside(measured: Awaitable[T], other: Awaitable[object]) -> T:
    """Runs `other` (unmeasured load) alongside `measured`; the result of `measured`."""
    result, _ = await asyncio.gather(measured, other)
    return result

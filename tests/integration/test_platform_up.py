"""`tabel-dev up` (what `make up` runs) on a fresh data directory: every service healthy,
ready and measured; a school created in roster reaches identity through the outbox and
JetStream; Ctrl-C stops everything; a second start finds the data again.

Slow by nature (five service processes, PostgreSQL and NATS), so it runs once per suite.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import grpc
import httpx
import pytest
from grpc_health.v1 import health_pb2, health_pb2_grpc
from keycloak import KeycloakOpenID

from tabel_platform.demo import demo_id
from tabel_platform.testing import free_port

SERVICES = ["identity", "roster", "schedule", "journal", "reporting"]
READY_WITHIN_S = 240  # generous for a loaded CI machine; the README's target is 90 s


def start(var_dir: Path, env: dict[str, str], log: Path) -> subprocess.Popen[bytes]:
    tabel_dev = Path(sys.executable).parent / "tabel-dev"
    return subprocess.Popen(
        [str(tabel_dev), "up", "--var-dir", str(var_dir)],
        env=env,
        stdout=log.open("ab"),
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )


def wait_ready(urls: dict[str, str], proc: subprocess.Popen[bytes], log: Path) -> float:
    started = time.monotonic()
    pending = dict(urls)
    while pending:
        if proc.poll() is not None:
            pytest.fail(f"tabel-dev exited {proc.returncode}:\n{log.read_text()[-4000:]}")
        if time.monotonic() - started > READY_WITHIN_S:
            pytest.fail(
                f"not ready in {READY_WITHIN_S}s: {sorted(pending)}\n{log.read_text()[-4000:]}"
            )
        for name, url in list(pending.items()):
            try:
                if httpx.get(f"{url}/readyz", timeout=2).status_code == 200:
                    del pending[name]
            except httpx.HTTPError:
                pass
        time.sleep(0.5)
    return time.monotonic() - started


def wait_seeded(log: Path, proc: subprocess.Popen[bytes]) -> None:
    """`tabel-dev up` prints its summary once the demo seed has run."""
    deadline = time.monotonic() + READY_WITHIN_S
    while "Tabel is up:" not in log.read_text():
        if proc.poll() is not None or time.monotonic() > deadline:
            pytest.fail(f"the demo seed did not run:\n{log.read_text()[-4000:]}")
        time.sleep(0.5)


def stop(proc: subprocess.Popen[bytes]) -> int:
    if proc.poll() is not None:  # it already stopped on its own (the failure says why)
        return proc.returncode
    os.killpg(proc.pid, signal.SIGINT)
    try:
        return proc.wait(timeout=60)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        raise


def test_make_up_runs_the_whole_platform(tmp_path: Path) -> None:
    env = dict(os.environ)
    for key in ("DATABASE_URL", "NATS_URL", "OIDC_ISSUERS"):
        env.pop(key, None)
    http = {svc: free_port() for svc in SERVICES}
    for svc in SERVICES:
        env[f"TABEL_{svc.upper()}_HTTP_PORT"] = str(http[svc])
        env[f"TABEL_{svc.upper()}_GRPC_PORT"] = str(free_port())
    env["TABEL_DEV_PG_PORT"] = str(free_port())
    env["TABEL_DEV_NATS_PORT"] = str(free_port())
    env["TABEL_DEV_NATS_MONITOR_PORT"] = str(free_port())
    urls = {svc: f"http://127.0.0.1:{port}" for svc, port in http.items()}
    log = tmp_path / "up.log"
    var_dir = tmp_path / "var"

    proc = start(var_dir, env, log)
    try:
        ready_after = wait_ready(urls, proc, log)
        print(f"all five services ready after {ready_after:.1f}s")
        for svc, url in urls.items():
            assert httpx.get(f"{url}/healthz").status_code == 200, svc
            assert httpx.get(f"{url}/readyz").json()["checks"] == {"database": "ok", "nats": "ok"}
            assert "tabel_http_requests_total" in httpx.get(f"{url}/metrics").text, svc
        state = (var_dir / "state.json").read_text() if (var_dir / "state.json").exists() else ""
        for svc in SERVICES:
            target = f"127.0.0.1:{env[f'TABEL_{svc.upper()}_GRPC_PORT']}"
            with grpc.insecure_channel(target) as channel:
                answer = health_pb2_grpc.HealthStub(channel).Check(
                    health_pb2.HealthCheckRequest(), timeout=5
                )
            assert answer.status == health_pb2.HealthCheckResponse.SERVING, (svc, state)
        wait_seeded(log, proc)

        oidc = KeycloakOpenID(
            server_url=f"{urls['identity']}/", realm_name="tabel", client_id="tabel-cli"
        )
        token = oidc.token("operator", "region-2026")["access_token"]
        auth = {"authorization": f"Bearer {token}"}
        domain = f"e2e-{uuid.uuid4().hex[:8]}.localhost"
        created = httpx.post(
            f"{urls['roster']}/v1/schools",
            headers=auth,
            json={
                "municipality_id": str(demo_id("municipality/1")),
                "name": "МБОУ «Школа сквозного теста»",
                "short_name": "Сквозная",
                "domains": [domain],
            },
        )
        assert created.status_code == 201, created.text
        school_id = created.json()["id"]
        onboarding = f"{urls['identity']}/v1/schools/{school_id}/onboarding"
        deadline = time.monotonic() + 30
        while (answer := httpx.get(onboarding, headers=auth)).status_code != 200:
            assert time.monotonic() < deadline, answer.text
            time.sleep(0.2)
        assert answer.json()["domains"] == [domain]
    finally:
        code = stop(proc)
    assert code == 0, log.read_text()[-3000:]

    proc = start(var_dir, env, log)
    try:
        wait_ready(urls, proc, log)
        token = oidc.token("operator", "region-2026")["access_token"]
        again = httpx.get(
            f"{urls['roster']}/v1/schools/{school_id}",
            headers={"authorization": f"Bearer {token}"},
        )
        assert again.status_code == 200 and again.json()["domains"] == [domain]
    finally:
        assert stop(proc) == 0

"""`tabel-dev up` with fake services (tests/fake_service.py) on free ports."""

from __future__ import annotations

import json
import os
import queue
import signal
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

from tabel_devstack._proc import _death_signal_preexec, free_port, port_accepts
from tabel_devstack.cli import SERVICES

FAKE = Path(__file__).with_name("fake_service.py")


def _env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "NATS_URL")}
    env.update(
        TABEL_DEV_PG_PORT=str(free_port()),
        TABEL_DEV_NATS_PORT=str(free_port()),
        TABEL_DEV_NATS_MONITOR_PORT=str(free_port()),
        TABEL_DEV_SERVICE_CMD=f"{{python}} {FAKE} {{svc}}",
        TABEL_DEV_PG_FAST="1",
    )
    for svc in SERVICES:
        env[f"TABEL_{svc.upper()}_HTTP_PORT"] = str(free_port())
        env[f"TABEL_{svc.upper()}_GRPC_PORT"] = str(free_port())
    return env


def _cli(*args: str) -> list[str]:
    return [sys.executable, "-m", "tabel_devstack.cli", *args]


class Up:
    def __init__(self, cwd: Path, env: dict[str, str], *args: str) -> None:
        self.proc = subprocess.Popen(
            _cli("up", *args),
            cwd=cwd,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            preexec_fn=_death_signal_preexec(signal.SIGTERM),  # no leak if pytest is killed
        )
        self.lines: queue.Queue[str] = queue.Queue()
        self.output: list[str] = []
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self.proc.stdout is not None
        for line in self.proc.stdout:
            self.lines.put(line.rstrip("\n"))

    def wait_for(self, text: str, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                line = self.lines.get(timeout=0.5)
            except queue.Empty:
                if self.proc.poll() is not None:
                    break
                continue
            self.output.append(line)
            if text in line:
                return
        raise AssertionError(f"no {text!r} in output:\n" + "\n".join(self.output))

    def interrupt(self) -> int:
        self.proc.send_signal(signal.SIGINT)
        code = self.proc.wait(30)
        self.wait_for("stopped", timeout=30)  # the reader thread lags on a loaded machine
        return code


def _get(url: str) -> bytes:
    with urllib.request.urlopen(url, timeout=5) as resp:
        body: bytes = resp.read()
        return body


def test_up_status_stop_and_restart(tabel_devstack_dir: Path) -> None:
    cwd = tabel_devstack_dir / "cli"
    cwd.mkdir()
    env = _env()
    up = Up(cwd, env)
    try:
        up.wait_for("Ctrl-C to stop.")
        text = "\n".join(up.output)
        for svc in SERVICES:
            port = env[f"TABEL_{svc.upper()}_HTTP_PORT"]
            assert f"http://127.0.0.1:{port}" in text
        assert "[roster] roster demo login demo-roster boots=1" in text
        assert "reporting does not support `seed-demo` yet, skipped" in text
        assert "roster:migrate    | migrated as tabel_roster" in text  # echoed, prefixed

        roster_env = json.loads(_get(f"http://127.0.0.1:{env['TABEL_ROSTER_HTTP_PORT']}/env"))
        assert roster_env["SERVICE_NAME"] == "roster"
        assert roster_env["DATABASE_URL"] == (
            f"postgresql+asyncpg://tabel_roster@127.0.0.1:{env['TABEL_DEV_PG_PORT']}/tabel_roster"
        )
        assert roster_env["NATS_URL"] == f"nats://127.0.0.1:{env['TABEL_DEV_NATS_PORT']}"
        assert roster_env["GRPC_PORT"] == env["TABEL_ROSTER_GRPC_PORT"]
        assert roster_env["TABEL_JOURNAL_GRPC_TARGET"] == (
            f"127.0.0.1:{env['TABEL_JOURNAL_GRPC_PORT']}"
        )
        assert roster_env["TABEL_IDENTITY_HTTP_URL"] == (
            f"http://127.0.0.1:{env['TABEL_IDENTITY_HTTP_PORT']}"
        )
        assert roster_env["OIDC_ISSUERS"] == (
            f"http://127.0.0.1:{env['TABEL_IDENTITY_HTTP_PORT']}/realms/tabel"
        )

        status = subprocess.run(_cli("status"), cwd=cwd, env=env, capture_output=True, text=True)
        assert status.returncode == 0, status.stdout + status.stderr
        assert "tabel-dev is running" in status.stdout
        assert status.stdout.count(" 200") == len(SERVICES)
        state = json.loads((cwd / "var" / "devstack.json").read_text())
        assert (cwd / "var" / "log" / "journal.log").read_text().startswith("migrated as")
    finally:
        code = up.interrupt()
    assert code == 0
    # Everything is gone: services, NATS, PostgreSQL, the state file.
    assert not port_accepts("127.0.0.1", int(env["TABEL_DEV_PG_PORT"]))
    assert not port_accepts("127.0.0.1", int(env["TABEL_DEV_NATS_PORT"]))
    for pid in [state["nats"]["pid"], state["postgres"]["pid"]] + [
        s["pid"] for s in state["services"].values()
    ]:
        assert not Path(f"/proc/{pid}").exists() or "zombie" in _proc_state(pid)
    assert not (cwd / "var" / "devstack.json").exists()
    status = subprocess.run(_cli("status"), cwd=cwd, env=env, capture_output=True, text=True)
    assert status.returncode == 1 and "not running" in status.stdout

    # Data survives a restart: each fake `migrate` records a boot.
    up = Up(cwd, env, "--services", "journal")
    try:
        up.wait_for("Ctrl-C to stop.")
        assert "[journal] journal demo login demo-journal boots=2" in "\n".join(up.output)
    finally:
        assert up.interrupt() == 0


def _proc_state(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/status").read_text().lower()
    except OSError:
        return "zombie"

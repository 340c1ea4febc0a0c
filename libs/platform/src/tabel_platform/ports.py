"""Free TCP ports for servers a test or the dev stack starts.

Ports are picked below the kernel's ephemeral range, so an outgoing connection made in the
meantime (every client socket takes an ephemeral port) cannot take the port before the
server binds it; that race made parallel test runs flaky.
"""

from __future__ import annotations

import random
import socket
from pathlib import Path

_LOWEST = 20000


def _ephemeral_start() -> int:
    try:
        return int(Path("/proc/sys/net/ipv4/ip_local_port_range").read_text().split()[0])
    except (OSError, ValueError, IndexError):
        return 32768


def free_port(host: str = "127.0.0.1") -> int:
    """A TCP port that was free a moment ago, outside the ephemeral range when possible."""
    top = _ephemeral_start()
    for _ in range(200):
        port = random.randrange(_LOWEST, top) if top > _LOWEST + 100 else 0  # noqa: S311
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
            try:
                sock.bind((host, port))
            except OSError:
                continue
            chosen: int = sock.getsockname()[1]
            return chosen
    raise RuntimeError("no free TCP port found")

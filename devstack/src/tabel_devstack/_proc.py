"""Process helpers shared by the embedded servers: free ports, child processes that die with us."""

from __future__ import annotations

import contextlib
import ctypes
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import IO, Any, Self

from tabel_platform.ports import free_port

__all__ = ["ChildServer", "free_port", "port_accepts", "spawn", "stop_process", "wait_until"]

_PR_SET_PDEATHSIG = 1


def port_accepts(host: str, port: int, timeout: float = 0.2) -> bool:
    try:
        with socket.create_connection((host, port), timeout=timeout):
            return True
    except OSError:
        return False


def _death_signal_preexec(sig: int) -> Callable[[], None] | None:
    """A preexec_fn asking Linux to send `sig` to the child when this process dies.

    The backstop against leaked servers when the parent is killed with SIGKILL. Linux ties
    the setting to the creating *thread*, so it is only used from the main thread.
    """
    if not sys.platform.startswith("linux"):
        return None
    if threading.current_thread() is not threading.main_thread():
        return None
    try:
        libc = ctypes.CDLL(None, use_errno=True)
    except OSError:
        return None
    parent = os.getpid()

    def preexec() -> None:
        libc.prctl(_PR_SET_PDEATHSIG, sig, 0, 0, 0)
        if os.getppid() != parent:  # the parent died before prctl took effect
            os.kill(os.getpid(), sig)

    return preexec


def spawn(
    args: Sequence[str],
    *,
    log: IO[bytes] | int | None,
    env: dict[str, str] | None = None,
    cwd: Path | None = None,
    death_signal: int = signal.SIGTERM,
    run_as: tuple[int, int] | None = None,
) -> subprocess.Popen[bytes]:
    """Start a child in its own session (the terminal's Ctrl-C does not reach it; we stop
    children in order), killed by `death_signal` if we die first."""
    kwargs: dict[str, Any] = {}
    if run_as is not None:
        kwargs.update(user=run_as[0], group=run_as[1], extra_groups=[])
    return subprocess.Popen(  # noqa: S603
        list(args),
        stdin=subprocess.DEVNULL,
        stdout=log,
        stderr=subprocess.STDOUT if log is not None else None,
        env=env,
        cwd=cwd,
        start_new_session=True,
        preexec_fn=_death_signal_preexec(death_signal),
        **kwargs,
    )


def stop_process(
    proc: subprocess.Popen[bytes], sig: int = signal.SIGTERM, timeout: float = 15.0
) -> int | None:
    """Send `sig`, wait up to `timeout`, then SIGKILL. Returns the exit code."""
    if proc.poll() is None:
        with contextlib.suppress(ProcessLookupError):
            proc.send_signal(sig)
        try:
            proc.wait(timeout)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(5)
    return proc.returncode


def tail(path: Path, lines: int = 30) -> str:
    try:
        text = path.read_text(errors="replace")
    except OSError:
        return ""
    return "\n".join(text.splitlines()[-lines:])


def wait_until(
    check: Callable[[], bool],
    *,
    timeout: float,
    what: str,
    alive: Callable[[], bool] | None = None,
    log: Path | None = None,
    interval: float = 0.02,
) -> None:
    """Poll `check` until true; fail early when `alive` turns false; show the log tail."""
    deadline = time.monotonic() + timeout
    while True:
        if check():
            return
        if alive is not None and not alive():
            raise RuntimeError(f"{what} exited during startup" + _log_note(log))
        if time.monotonic() > deadline:
            raise TimeoutError(f"{what} not ready after {timeout:.0f}s" + _log_note(log))
        time.sleep(interval)


def _log_note(log: Path | None) -> str:
    if log is None:
        return ""
    return f"; log {log}:\n{tail(log)}"


class ChildServer:
    """A server run as our child process (it never outlives us): launched, waited for until
    ready, stopped with its own graceful signal. Subclasses define `start()`."""

    stop_signal: signal.Signals = signal.SIGTERM
    stop_timeout: float = 30.0
    log_path: Path
    _proc: subprocess.Popen[bytes] | None = None
    startup_seconds: float | None = None

    @property
    def pid(self) -> int | None:
        return self._proc.pid if self._proc is not None and self._proc.poll() is None else None

    @property
    def running(self) -> bool:
        return self.pid is not None

    def start(self) -> None:
        raise NotImplementedError

    def _launch(
        self,
        args: Sequence[str],
        *,
        ready: Callable[[int], bool],
        what: str,
        began: float,
        timeout: float,
        run_as: tuple[int, int] | None = None,
    ) -> None:
        with self.log_path.open("ab") as log:
            # The same signal if we die without stopping it: the server shuts down cleanly.
            self._proc = spawn(args, log=log, death_signal=self.stop_signal, run_as=run_as)
        proc = self._proc
        try:
            wait_until(
                lambda: ready(proc.pid),
                timeout=timeout,
                what=what,
                alive=lambda: proc.poll() is None,
                log=self.log_path,
            )
        except BaseException:
            self.stop()
            raise
        self.startup_seconds = time.monotonic() - began

    def stop(self, timeout: float | None = None) -> None:
        proc, self._proc = self._proc, None
        if proc is not None:
            stop_process(proc, self.stop_signal, timeout or self.stop_timeout)

    def __enter__(self) -> Self:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

"""`tabel-dev`: the whole platform on one machine.

    tabel-dev up       embedded PostgreSQL (./var/postgres, port 15432) and NATS (./var/nats,
                       port 14222, monitor 18222) unless DATABASE_URL / NATS_URL are given; one
                       database and owner role per service; `migrate`, `serve`, then `seed-demo`
                       for every service; Ctrl-C / SIGTERM stops services, NATS, PostgreSQL.
    tabel-dev status   what is running.
    tabel-dev down     stops a running `tabel-dev up`.

Services are started as `python -m tabel_<svc> migrate|serve|seed-demo` (see --service-cmd).
Ports: TABEL_<SVC>_HTTP_PORT / TABEL_<SVC>_GRPC_PORT (defaults 8001../50051..),
TABEL_DEV_PG_PORT, TABEL_DEV_NATS_PORT, TABEL_DEV_NATS_MONITOR_PORT.
TABEL_DEV_PG_FAST=1: PostgreSQL without fsync (faster, not crash-safe).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import shlex
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

import nats.errors
from sqlalchemy.exc import SQLAlchemyError

from tabel_devstack._proc import spawn, stop_process, tail
from tabel_devstack.nats import EmbeddedNats
from tabel_devstack.postgres import (
    TEST_SETTINGS,
    EmbeddedPostgres,
    ExternalPostgres,
    PostgresAdmin,
    postmaster_pid,
    run_sync,
)
from tabel_devstack.settle import wait_settled

SERVICES = ("identity", "roster", "schedule", "journal", "reporting")
DEFAULT_SERVICE_CMD = "{python} -m tabel_{svc}"
DEFAULT_PG_PORT = 15432
DEFAULT_NATS_PORT = 14222
DEFAULT_NATS_MONITOR_PORT = 18222
HINT_PREFIX = "HINT:"
STATE_FILE = "devstack.json"
SETTLE_TIMEOUT = 180.0  # seconds the seeds wait for each other's events (a year of lessons)
ARGPARSE_USAGE_ERROR = 2

_print_lock = threading.Lock()


def say(message: str = "") -> None:
    with _print_lock:
        print(message, flush=True)


def _env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    return int(value) if value else default


@dataclass
class Service:
    name: str
    http_port: int
    grpc_port: int
    log_path: Path
    database_url: str = ""
    proc: subprocess.Popen[bytes] | None = None
    pump: threading.Thread | None = None
    hints: list[str] = field(default_factory=list)

    @property
    def http_url(self) -> str:
        return f"http://127.0.0.1:{self.http_port}"

    @property
    def grpc_target(self) -> str:
        return f"127.0.0.1:{self.grpc_port}"

    @property
    def env_prefix(self) -> str:
        return f"TABEL_{self.name.upper()}"


def make_services(var_dir: Path, names: Sequence[str]) -> list[Service]:
    services = []
    for name in names:
        i = SERVICES.index(name) if name in SERVICES else len(SERVICES)
        prefix = f"TABEL_{name.upper()}"
        services.append(
            Service(
                name=name,
                http_port=_env_int(f"{prefix}_HTTP_PORT", 8001 + i),
                grpc_port=_env_int(f"{prefix}_GRPC_PORT", 50051 + i),
                log_path=var_dir / "log" / f"{name}.log",
            )
        )
    return services


class Stack:
    """Everything `up` started, stopped in reverse: services, NATS, PostgreSQL."""

    def __init__(self, args: argparse.Namespace) -> None:
        self.var_dir: Path = Path(args.var_dir).absolute()
        self.log_dir = self.var_dir / "log"
        self.echo: bool = not args.quiet
        self.command_template: list[str] = shlex.split(args.service_cmd)
        self.services = make_services(self.var_dir, args.services)
        self.pg: PostgresAdmin | None = None
        self.nats: EmbeddedNats | None = None
        self.nats_url = ""
        self.external_pg = bool(os.environ.get("DATABASE_URL"))
        self.children: list[subprocess.Popen[bytes]] = []  # every process launched

    # -- infrastructure ------------------------------------------------------------------------

    def start_postgres(self) -> None:
        external = os.environ.get("DATABASE_URL")
        if external:
            pg: PostgresAdmin = ExternalPostgres(external)
            self.pg = pg
            try:
                run_sync(pg.aping())
            except Exception as exc:
                raise StartupError(f"cannot connect to DATABASE_URL: {exc}") from exc
            say(f"postgres: external {pg.host}:{pg.port}")
            return
        embedded = EmbeddedPostgres(
            self.var_dir / "postgres",
            _env_int("TABEL_DEV_PG_PORT", DEFAULT_PG_PORT),
            log_path=self.log_dir / "postgres.log",
            socket_dir=self.var_dir / "run",
            settings=TEST_SETTINGS if os.environ.get("TABEL_DEV_PG_FAST") == "1" else None,
        )
        self.pg = embedded
        embedded.start()
        say(f"postgres: {embedded.admin_url} ready in {embedded.startup_seconds:.2f}s")

    def start_nats(self) -> None:
        external = os.environ.get("NATS_URL")
        if external:
            self.nats_url = external
            say(f"nats: external {external}")
            return
        self.nats = EmbeddedNats(
            self.var_dir / "nats",
            _env_int("TABEL_DEV_NATS_PORT", DEFAULT_NATS_PORT),
            _env_int("TABEL_DEV_NATS_MONITOR_PORT", DEFAULT_NATS_MONITOR_PORT),
            log_path=self.log_dir / "nats.log",
        )
        self.nats.start()
        self.nats_url = self.nats.url
        say(f"nats: {self.nats.url} ready in {self.nats.startup_seconds:.2f}s")

    def ensure_databases(self) -> None:
        assert self.pg is not None
        for svc in self.services:
            owner = f"tabel_{svc.name}"
            password = os.environ.get("TABEL_DEV_DB_PASSWORD", owner) if self.external_pg else None
            svc.database_url = self.pg.ensure_database(owner, owner, password=password)

    # -- services ------------------------------------------------------------------------------

    def command(self, svc: Service, action: str) -> list[str]:
        fmt = {"python": sys.executable, "svc": svc.name}
        return [part.format(**fmt) for part in self.command_template] + [action]

    def env(self, svc: Service) -> dict[str, str]:
        env = dict(os.environ)
        env.setdefault("LOG_JSON", "false")
        identity = next((s for s in self.services if s.name == "identity"), None)
        identity_port = identity.http_port if identity else 8001
        env.setdefault("OIDC_ISSUERS", f"http://127.0.0.1:{identity_port}/realms/tabel")
        env.setdefault("PUBLIC_URL", f"http://127.0.0.1:{identity_port}")  # identity's issuer
        for other in self.services:
            env[f"{other.env_prefix}_HTTP_URL"] = other.http_url
            env[f"{other.env_prefix}_GRPC_TARGET"] = other.grpc_target
        # Each service logs in to the OIDC provider as itself (identity's dev defaults).
        env.setdefault("OIDC_CLIENT_ID", f"svc-{svc.name}")
        env.setdefault("OIDC_CLIENT_SECRET", f"tabel-dev-secret-{svc.name}")
        env.update(
            SERVICE_NAME=svc.name,
            DATABASE_URL=svc.database_url,
            NATS_URL=self.nats_url,
            HTTP_PORT=str(svc.http_port),
            GRPC_PORT=str(svc.grpc_port),
            PYTHONUNBUFFERED="1",
        )
        return env

    def launch(
        self, svc: Service, action: str, on_line: Callable[[str], None] | None = None
    ) -> subprocess.Popen[bytes]:
        self.log_dir.mkdir(parents=True, exist_ok=True)
        proc = spawn(
            self.command(svc, action),
            log=subprocess.PIPE,
            env=self.env(svc),
            cwd=Path.cwd(),
            death_signal=signal.SIGTERM,
        )
        self.children.append(proc)
        svc.pump = threading.Thread(
            target=self._pump,
            args=(svc, action, proc.stdout, on_line),
            name=f"log-{svc.name}-{action}",
            daemon=True,
        )
        svc.pump.start()
        return proc

    def _pump(
        self,
        svc: Service,
        action: str,
        stream: IO[bytes] | None,
        on_line: Callable[[str], None] | None,
    ) -> None:
        if stream is None:
            return
        tag = svc.name if action == "serve" else f"{svc.name}:{action}"
        with svc.log_path.open("ab") as log:
            for raw in stream:
                log.write(raw)
                log.flush()
                line = raw.decode(errors="replace").rstrip("\r\n")
                if on_line is not None:
                    on_line(line)
                if self.echo:
                    say(f"{tag:<18}| {line}")

    def run_step(self, action: str, services: Sequence[Service]) -> dict[str, int]:
        """Run `action` for `services` together; their exit codes."""
        procs = []
        for svc in services:

            def collect(line: str, svc: Service = svc) -> None:
                # What the seed prints for people: `HINT: ...` or `<svc>: ...` lines.
                for prefix in (HINT_PREFIX, f"{svc.name}:"):
                    if line.startswith(prefix):
                        svc.hints.append(line[len(prefix) :].strip())
                        return

            on_line = collect if action == "seed-demo" else None
            procs.append((svc, self.launch(svc, action, on_line), svc.pump))
        codes = {}
        for svc, proc, pump in procs:
            codes[svc.name] = proc.wait()
            if pump is not None:
                pump.join(5)
        return codes

    def migrate(self) -> None:
        began = time.monotonic()
        codes = self.run_step("migrate", self.services)
        failed = []
        for name, code in codes.items():
            if code == ARGPARSE_USAGE_ERROR:
                say(f"migrate: {name} does not support `migrate` yet, skipped")
            elif code != 0:
                failed.append(name)
        if failed:
            raise StartupError(
                "migrations failed: "
                + ", ".join(f"{n} (exit {codes[n]}, log {self._log(n)})" for n in failed)
            )
        say(f"migrations done in {time.monotonic() - began:.1f}s")

    def serve(self) -> None:
        for svc in self.services:
            svc.proc = self.launch(svc, "serve")

    def wait_ready(self, timeout: float) -> None:
        began = time.monotonic()
        deadline = began + timeout
        pending = list(self.services)
        while pending:
            for svc in list(pending):
                assert svc.proc is not None
                if svc.proc.poll() is not None:
                    raise StartupError(
                        f"{svc.name} exited with {svc.proc.returncode} during startup;"
                        f" {svc.log_path}:\n{tail(svc.log_path)}"
                    )
                if readyz(svc.http_url) == 200:
                    pending.remove(svc)
            if not pending:
                break
            if time.monotonic() > deadline:
                late = "; ".join(f"{s.name} ({s.http_url}/readyz)" for s in pending)
                logs = "\n".join(f"--- {s.log_path}:\n{tail(s.log_path)}" for s in pending)
                raise StartupError(f"not ready after {timeout:.0f}s: {late}\n{logs}")
            time.sleep(0.2)
        say(f"all services ready in {time.monotonic() - began:.1f}s")

    def seed(self) -> None:
        for svc in self.services:
            code = self.run_step("seed-demo", [svc])[svc.name]
            if code == ARGPARSE_USAGE_ERROR:
                say(f"seed-demo: {svc.name} does not support `seed-demo` yet, skipped")
            elif code != 0:
                say(f"seed-demo: {svc.name} FAILED (exit {code}), see {svc.log_path}")
            self.settle(after=svc.name)

    def settle(self, *, after: str) -> None:
        """The next seed reads what this one's events project (see settle.py)."""
        began = time.monotonic()
        urls = [s.database_url for s in self.services]
        try:
            left = asyncio.run(wait_settled(urls, self.nats_url, within=SETTLE_TIMEOUT))
        except (OSError, SQLAlchemyError, nats.errors.Error) as exc:
            say(f"seed-demo: could not tell whether the events of {after} arrived ({exc})")
            return
        took = time.monotonic() - began
        if left.empty:
            say(f"seed-demo: events of {after} applied everywhere in {took:.1f}s")
        else:
            say(f"seed-demo: after {took:.0f}s still on the way: {left}; seeding on")

    def _log(self, name: str) -> Path:
        return self.log_dir / f"{name}.log"

    # -- reporting -----------------------------------------------------------------------------

    def summary(self) -> str:
        rows = [("service", "HTTP", "gRPC")]
        rows += [(s.name, s.http_url, s.grpc_target) for s in self.services]
        widths = [max(len(r[i]) for r in rows) for i in range(3)]
        lines = ["", "Tabel is up:"]
        for row in rows:
            lines.append(
                "  " + "  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True))
            )
        assert self.pg is not None
        where = (
            f"embedded, data in {self.var_dir / 'postgres'}" if not self.external_pg else "external"
        )
        lines.append(f"  postgres   {self.pg.admin_url} ({where})")
        monitor = (
            f", monitor {self.nats.monitor_url}" if self.nats and self.nats.monitor_url else ""
        )
        lines.append(
            f"  nats       {self.nats_url} ({'embedded' if self.nats else 'external'}{monitor})"
        )
        lines.append(f"  logs       {self.log_dir}")
        hints = [(s.name, h) for s in self.services for h in s.hints]
        if hints:
            lines.append("Demo data (what seed-demo printed):")
            lines += [f"  [{name}] {hint}" for name, hint in hints]
        lines.append("Ctrl-C to stop.")
        return "\n".join(lines)

    def state(self) -> dict[str, Any]:
        assert self.pg is not None
        return {
            "pid": os.getpid(),
            "started_at": time.time(),
            "postgres": {
                "url": self.pg.admin_url,
                "embedded": not self.external_pg,
                "pid": getattr(self.pg, "pid", None),
            },
            "nats": {
                "url": self.nats_url,
                "embedded": self.nats is not None,
                "pid": self.nats.pid if self.nats else None,
                "monitor": self.nats.monitor_url if self.nats else None,
            },
            "services": {
                s.name: {
                    "pid": s.proc.pid if s.proc else None,
                    "http": s.http_url,
                    "grpc": s.grpc_target,
                    "log": str(s.log_path),
                }
                for s in self.services
            },
            "hints": {s.name: s.hints for s in self.services if s.hints},
        }

    # -- shutdown ------------------------------------------------------------------------------

    def stop(self) -> None:
        running = [s for s in self.services if s.proc is not None and s.proc.poll() is None]
        if running:
            say("stopping services: " + ", ".join(s.name for s in running))
        children = [p for p in self.children if p.poll() is None]
        for proc in children:
            with contextlib.suppress(ProcessLookupError):
                proc.send_signal(signal.SIGTERM)
        for proc in children:
            stop_process(proc, signal.SIGTERM, timeout=15)
        if self.nats is not None:
            say("stopping nats")
            self.nats.stop()
        if isinstance(self.pg, EmbeddedPostgres):
            say("stopping postgres")
            self.pg.stop()


class StartupError(RuntimeError):
    pass


class _Stop(BaseException):
    """SIGTERM, raised in the main thread like KeyboardInterrupt."""


def readyz(base_url: str) -> int | None:
    try:
        with urllib.request.urlopen(f"{base_url}/readyz", timeout=2) as resp:  # noqa: S310
            return int(resp.status)
    except urllib.error.HTTPError as exc:
        return exc.code
    except (OSError, ValueError):
        return None


@contextlib.contextmanager
def _signals_raise() -> Iterator[None]:
    def on_term(signum: int, frame: object) -> None:
        raise _Stop

    previous = signal.signal(signal.SIGTERM, on_term)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def _read_state(var_dir: Path) -> dict[str, Any] | None:
    try:
        state: dict[str, Any] = json.loads((var_dir / STATE_FILE).read_text())
    except (OSError, ValueError):
        return None
    return state


def _alive(pid: object) -> bool:
    if not isinstance(pid, int):
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def cmd_up(args: argparse.Namespace) -> int:
    stack = Stack(args)
    state = _read_state(stack.var_dir)
    if state is not None and _alive(state.get("pid")):
        say(f"tabel-dev is already running (pid {state['pid']}); `tabel-dev down` stops it")
        return 1
    stack.var_dir.mkdir(parents=True, exist_ok=True)
    # Ctrl-C raises KeyboardInterrupt even when started with SIGINT ignored (`cmd &`).
    signal.signal(signal.SIGINT, signal.default_int_handler)
    state_path = stack.var_dir / STATE_FILE
    code = 0
    try:
        with _signals_raise():
            try:
                began = time.monotonic()
                stack.start_postgres()
                stack.start_nats()
                stack.ensure_databases()
                stack.migrate()
                stack.serve()
                stack.wait_ready(args.ready_timeout)
                if not args.no_seed:
                    stack.seed()
                state_path.write_text(json.dumps(stack.state(), indent=2))
                say(f"started in {time.monotonic() - began:.1f}s")
                say(stack.summary())
                _watch(stack)
            except StartupError as exc:
                say(f"tabel-dev up failed: {exc}")
                code = 1
    except (KeyboardInterrupt, _Stop):
        say("\nstopping...")
    finally:
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
        try:
            stack.stop()
        finally:
            with contextlib.suppress(OSError):
                if (_read_state(stack.var_dir) or {}).get("pid") == os.getpid():
                    state_path.unlink()
            signal.signal(signal.SIGINT, signal.default_int_handler)
            signal.signal(signal.SIGTERM, signal.SIG_DFL)
    say("stopped")
    return code


def _watch(stack: Stack) -> None:
    """Until interrupted: report services and servers that die."""
    reported: set[str] = set()
    while True:
        time.sleep(1)
        for svc in stack.services:
            if svc.proc is not None and svc.proc.poll() is not None and svc.name not in reported:
                reported.add(svc.name)
                say(f"!! {svc.name} exited with {svc.proc.returncode}; log {svc.log_path}")
        if stack.nats is not None and not stack.nats.running and "nats" not in reported:
            reported.add("nats")
            say(f"!! nats-server exited; log {stack.nats.log_path}")
        pg = stack.pg
        if isinstance(pg, EmbeddedPostgres) and not pg.running and "postgres" not in reported:
            reported.add("postgres")
            say(f"!! postgres exited; log {pg.log_path}")


def cmd_status(args: argparse.Namespace) -> int:
    var_dir = Path(args.var_dir).absolute()
    state = _read_state(var_dir)
    if state is None or not _alive(state.get("pid")):
        say(f"tabel-dev is not running ({var_dir})")
        stray = postmaster_pid(var_dir / "postgres")
        if stray is not None:
            say(f"  but postgres from {var_dir / 'postgres'} is still running (pid {stray})")
        return 1
    say(f"tabel-dev is running (pid {state['pid']}, {var_dir})")
    pg, nats = state["postgres"], state["nats"]
    pg_note = f"pid {pg['pid']}" if pg["embedded"] else "external"
    say(f"  postgres   {pg['url']} ({pg_note}, {'up' if _pg_up(pg) else 'DOWN'})")
    nats_up = _alive(nats["pid"]) if nats["embedded"] else None
    nats_note = (
        "external" if nats_up is None else f"pid {nats['pid']}, {'up' if nats_up else 'DOWN'}"
    )
    say(f"  nats       {nats['url']} ({nats_note})")
    rows = [("service", "HTTP", "gRPC", "pid", "readyz")]
    for name, svc in state["services"].items():
        alive = _alive(svc["pid"])
        ready = readyz(svc["http"]) if alive else None
        rows.append(
            (name, svc["http"], svc["grpc"], str(svc["pid"]) + ("" if alive else " (dead)"),
             str(ready) if ready is not None else "-")
        )  # fmt: skip
    widths = [max(len(r[i]) for r in rows) for i in range(5)]
    for row in rows:
        say("  " + "  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)))
    for name, hints in state.get("hints", {}).items():
        for hint in hints:
            say(f"  [{name}] {hint}")
    return 0


def _pg_up(pg: dict[str, Any]) -> bool:
    return _alive(pg["pid"]) if pg["embedded"] else True


def cmd_down(args: argparse.Namespace) -> int:
    var_dir = Path(args.var_dir).absolute()
    state = _read_state(var_dir)
    if state is None or not _alive(state.get("pid")):
        say("tabel-dev is not running")
        return 0
    pid = int(state["pid"])
    os.kill(pid, signal.SIGTERM)
    deadline = time.monotonic() + 60
    while _alive(pid) and time.monotonic() < deadline:
        time.sleep(0.2)
    if _alive(pid):
        say(f"tabel-dev (pid {pid}) did not stop within 60s")
        return 1
    say("stopped")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="tabel-dev", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    sub = parser.add_subparsers(dest="command", required=True)
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--var-dir", default="var", help="data and logs (default ./var)")
    up = sub.add_parser("up", parents=[common], help="start everything (Ctrl-C stops)")
    up.add_argument(
        "--service-cmd",
        default=os.environ.get("TABEL_DEV_SERVICE_CMD", DEFAULT_SERVICE_CMD),
        help="command starting a service, {python} and {svc} substituted, the action "
        f"(migrate|serve|seed-demo) appended (default {DEFAULT_SERVICE_CMD!r}, "
        "env TABEL_DEV_SERVICE_CMD)",
    )
    up.add_argument(
        "--services",
        type=lambda v: [s.strip() for s in v.split(",") if s.strip()],
        default=list(SERVICES),
        help="comma-separated subset (default: all, in order " + ",".join(SERVICES) + ")",
    )
    up.add_argument("--no-seed", action="store_true", help="skip seed-demo")
    up.add_argument("--quiet", action="store_true", help="do not echo service logs")
    up.add_argument("--ready-timeout", type=float, default=90.0)
    up.set_defaults(func=cmd_up)
    status = sub.add_parser("status", parents=[common], help="what is running")
    status.set_defaults(func=cmd_status)
    down = sub.add_parser("down", parents=[common], help="stop a running `tabel-dev up`")
    down.set_defaults(func=cmd_down)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    code: int = args.func(args)
    return code


if __name__ == "__main__":
    sys.exit(main())

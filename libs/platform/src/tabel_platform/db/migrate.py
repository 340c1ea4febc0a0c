"""Alembic per service: migrations ship inside the package (`tabel_x:migrations`).

Services keep no alembic.ini; the config is built here so tests and the embedded
platform run migrations the same way: ``upgrade(url, "tabel_roster:migrations")``.
A service's `env.py` is just ``run_env()``.
"""

from __future__ import annotations

import asyncio

from alembic import command, context
from alembic.config import Config
from sqlalchemy import pool
from sqlalchemy.engine import Connection
from sqlalchemy.ext.asyncio import create_async_engine

from tabel_platform.settings import normalize_database_url


def alembic_config(database_url: str, script_location: str) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", script_location)
    cfg.set_main_option("sqlalchemy.url", normalize_database_url(database_url).replace("%", "%%"))
    return cfg


def upgrade(database_url: str, script_location: str, revision: str = "head") -> None:
    command.upgrade(alembic_config(database_url, script_location), revision)


def _run_sync(connection: Connection) -> None:
    context.configure(connection=connection, target_metadata=None, transaction_per_migration=True)
    with context.begin_transaction():
        context.run_migrations()


async def _run_async(url: str) -> None:
    engine = create_async_engine(url, poolclass=pool.NullPool)
    async with engine.connect() as conn:
        await conn.run_sync(_run_sync)
    await engine.dispose()


def run_env() -> None:
    """Body of every service's migrations/env.py (online mode only)."""
    url = context.config.get_main_option("sqlalchemy.url")
    assert url, "sqlalchemy.url is not set"
    try:
        loop = asyncio.get_running_loop()
    except RuntimeError:
        loop = None
    if loop is None:
        asyncio.run(_run_async(url))
    else:  # called from inside a running loop (a test): run in a fresh thread's loop
        import threading

        errors: list[BaseException] = []

        def target() -> None:
            try:
                asyncio.run(_run_async(url))
            except BaseException as exc:  # re-raised below in the caller's thread
                errors.append(exc)

        t = threading.Thread(target=target)
        t.start()
        t.join()
        if errors:
            raise errors[0]

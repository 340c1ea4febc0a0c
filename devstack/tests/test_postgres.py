from __future__ import annotations

import secrets
from pathlib import Path

import asyncpg

from tabel_devstack.postgres import (
    TEST_SETTINGS,
    EmbeddedPostgres,
    PostgresAdmin,
    free_port,
    plain_url,
)


async def test_role_and_database_are_created_idempotently(pg_server: PostgresAdmin) -> None:
    name = f"t_{secrets.token_hex(4)}"
    url = pg_server.ensure_database(name, f"{name}_owner")
    assert url.startswith("postgresql+asyncpg://")
    assert url == await pg_server.aensure_database(name, f"{name}_owner")
    try:
        conn = await asyncpg.connect(plain_url(url))
        try:
            row = await conn.fetchrow(
                "SELECT current_user AS who, current_database() AS db, r.rolsuper, r.rolbypassrls"
                " FROM pg_roles r WHERE r.rolname = current_user"
            )
            assert dict(row) == {
                "who": f"{name}_owner",
                "db": name,
                "rolsuper": False,
                "rolbypassrls": False,
            }
            owner = await conn.fetchval(
                "SELECT pg_get_userbyid(datdba) FROM pg_database WHERE datname = $1", name
            )
            assert owner == f"{name}_owner"
        finally:
            await conn.close()
    finally:
        await pg_server.adrop_database(name, f"{name}_owner")


async def test_owner_cannot_bypass_forced_row_level_security(pg_server: PostgresAdmin) -> None:
    name = f"t_{secrets.token_hex(4)}"
    url = await pg_server.aensure_database(name, f"{name}_owner")
    try:
        conn = await asyncpg.connect(plain_url(url))
        try:
            await conn.execute(
                """
                CREATE TABLE marks (school_id int NOT NULL, mark int NOT NULL);
                ALTER TABLE marks ENABLE ROW LEVEL SECURITY;
                ALTER TABLE marks FORCE ROW LEVEL SECURITY;
                CREATE POLICY by_school ON marks
                    USING (school_id = current_setting('app.school_id')::int)
                    WITH CHECK (school_id = current_setting('app.school_id')::int);
                """
            )
            for school, mark in [(1, 5), (1, 4), (2, 3)]:
                await conn.execute("SELECT set_config('app.school_id', $1, false)", str(school))
                await conn.execute("INSERT INTO marks VALUES ($1, $2)", school, mark)
            await conn.execute("SELECT set_config('app.school_id', '1', false)")
            assert sorted(await conn.fetch("SELECT mark FROM marks")) == [(4,), (5,)]
            await conn.execute("SELECT set_config('app.school_id', '2', false)")
            assert await conn.fetch("SELECT school_id, mark FROM marks") == [(2, 3)]
            # Writing another school's row is refused too.
            try:
                await conn.execute("INSERT INTO marks VALUES (1, 2)")
            except asyncpg.InsufficientPrivilegeError:
                pass
            else:
                raise AssertionError("RLS WITH CHECK did not apply to the owner")
        finally:
            await conn.close()
        # The superuser sees everything.
        admin = await pg_server.connect(name)
        try:
            assert await admin.fetchval("SELECT count(*) FROM marks") == 3
        finally:
            await admin.close()
    finally:
        await pg_server.adrop_database(name, f"{name}_owner")


def test_embedded_data_survives_restart(tabel_devstack_dir: Path) -> None:
    pg = EmbeddedPostgres(tabel_devstack_dir / "pg-restart", free_port(), settings=TEST_SETTINGS)
    pg.start()
    try:
        assert pg.startup_seconds is not None
        url = pg.ensure_database("keep", "keeper")
        pg.stop()
        assert not pg.running
        pg.start()  # no initdb this time
        assert pg.ensure_database("keep", "keeper") == url
        assert url == f"postgresql+asyncpg://keeper@127.0.0.1:{pg.port}/keep"
    finally:
        pg.stop()
    assert not (tabel_devstack_dir / "pg-restart" / "postmaster.pid").exists()

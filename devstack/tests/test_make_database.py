from __future__ import annotations

import asyncpg

from tabel_devstack.postgres import PostgresAdmin, plain_url, run_sync
from tabel_devstack.testing import DatabaseFactory, DatabaseTemplates


async def _facts(url: str) -> dict[str, object]:
    conn = await asyncpg.connect(plain_url(url))
    try:
        row = await conn.fetchrow(
            "SELECT current_user AS who, current_database() AS db, r.rolsuper, r.rolbypassrls,"
            " (SELECT count(*) FROM pg_tables WHERE schemaname = 'public') AS tables"
            " FROM pg_roles r WHERE r.rolname = current_user"
        )
        return dict(row)
    finally:
        await conn.close()


async def test_make_database_gives_distinct_empty_databases(
    make_database: DatabaseFactory,
) -> None:
    first = await make_database()
    second = await make_database(migrations=None)
    third = make_database.sync()
    assert len({first, second, third}) == 3
    facts = [await _facts(url) for url in (first, second, third)]
    assert len({f["who"] for f in facts}) == 3
    assert len({f["db"] for f in facts}) == 3
    for f in facts:
        assert f["rolsuper"] is False and f["rolbypassrls"] is False and f["tables"] == 0


def test_templates_are_migrated_once_and_cloned(pg_server: PostgresAdmin) -> None:
    calls: list[str] = []

    def upgrade(url: str, script_location: str) -> None:
        calls.append(script_location)

        async def run() -> None:
            conn = await asyncpg.connect(plain_url(url))
            try:
                await conn.execute(
                    "CREATE TABLE pupils (id serial PRIMARY KEY, name text);"
                    "ALTER TABLE pupils ENABLE ROW LEVEL SECURITY;"
                    "ALTER TABLE pupils FORCE ROW LEVEL SECURITY;"
                    "CREATE POLICY all_rows ON pupils USING (true);"
                    "INSERT INTO pupils (name) VALUES ('Ivanov')"
                )
            finally:
                await conn.close()

        run_sync(run())

    templates = DatabaseTemplates(pg_server, upgrade=upgrade)
    factory = DatabaseFactory(templates)
    try:
        urls = [factory.sync("fake:migrations") for _ in range(3)]
        assert calls == ["fake:migrations"]
        for url in urls:

            async def check(url: str = url) -> None:
                conn = await asyncpg.connect(plain_url(url))
                try:
                    owner = await conn.fetchval(
                        "SELECT tableowner FROM pg_tables WHERE tablename = 'pupils'"
                    )
                    assert owner == await conn.fetchval("SELECT current_user")
                    await conn.execute("INSERT INTO pupils (name) VALUES ('Petrov')")
                    assert await conn.fetchval("SELECT count(*) FROM pupils") == 2
                finally:
                    await conn.close()

            run_sync(check())
    finally:
        factory.cleanup()
        templates.close()

    async def leftovers() -> int:
        conn = await pg_server.connect()
        try:
            n: int = await conn.fetchval(
                "SELECT count(*) FROM pg_database WHERE datname LIKE $1", templates.prefix + "%"
            )
            n += await conn.fetchval(
                "SELECT count(*) FROM pg_roles WHERE rolname LIKE $1", templates.prefix + "%"
            )
            return n
        finally:
            await conn.close()

    assert run_sync(leftovers()) == 0

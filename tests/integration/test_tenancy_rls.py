"""Row-level security is the second line behind the code's `school_id` filters.

Runs against roster's real schema and a non-superuser role, as the services run.
"""

from __future__ import annotations

import uuid
from typing import Any

import pytest
from sqlalchemy import select, text, update
from sqlalchemy.exc import DBAPIError

from tabel_platform.db import Database
from tabel_roster.adapters import schools_repo
from tabel_roster.adapters.tables import schools
from tabel_roster.domain.schools import School


def a_school() -> School:
    return School(
        id=uuid.uuid4(),
        municipality_id=uuid.uuid4(),
        name="Школа",
        short_name="Школа",
        domains=[f"{uuid.uuid4().hex[:10]}.example.ru"],
    )


@pytest.fixture
async def db(make_database: Any) -> Any:
    database = Database(await make_database(migrations="tabel_roster:migrations"))
    yield database
    await database.dispose()


async def test_the_service_role_cannot_bypass_rls(db: Database) -> None:
    async with db.engine.connect() as conn:
        row = (
            await conn.execute(
                text("SELECT rolsuper, rolbypassrls FROM pg_roles WHERE rolname = current_user")
            )
        ).one()
    assert tuple(row) == (False, False)


async def test_a_query_that_forgets_its_filter_sees_only_its_school(db: Database) -> None:
    ours, theirs = a_school(), a_school()
    async with db.transaction(school_id=None, all_schools=True) as session:
        await schools_repo.add(session, ours)
        await schools_repo.add(session, theirs)

    async with db.transaction(school_id=ours.id) as session:
        visible = (await session.execute(select(schools.c.id))).scalars().all()
        renamed = await session.execute(update(schools).values(short_name="Переименовано"))
    assert visible == [ours.id]
    assert renamed.rowcount == 1, "an unfiltered UPDATE touches only this school's rows"

    async with db.transaction(school_id=theirs.id) as session:
        theirs_now = await schools_repo.get(session, theirs.id)
    assert theirs_now is not None and theirs_now.short_name == "Школа"


async def test_without_a_school_nothing_is_visible(db: Database) -> None:
    async with db.transaction(school_id=None, all_schools=True) as session:
        await schools_repo.add(session, a_school())
    async with db.transaction(school_id=None) as session:
        assert (await session.execute(select(schools.c.id))).all() == []


async def test_writing_a_row_of_another_school_is_refused(db: Database) -> None:
    ours, theirs = a_school(), a_school()
    with pytest.raises(DBAPIError, match="row-level security"):
        async with db.transaction(school_id=ours.id) as session:
            await schools_repo.add(session, theirs)

"""A running journal (real PostgreSQL, NATS, HTTP) and real access tokens from identity's
embedded OIDC provider (`oidc_provider`), validated by the journal as in production."""

from __future__ import annotations

import secrets
import uuid
from collections.abc import AsyncIterator
from typing import Any

import pytest

from tabel_journal.bootstrap import SPEC
from tabel_platform.testing import serve_in_process


class Issuer:
    """Accounts and tokens for people of the test schools."""

    def __init__(self, provider: Any) -> None:
        self.provider = provider
        self.issuer = provider.issuer

    async def token(self, person_id: uuid.UUID, school_ids: list[uuid.UUID]) -> str:
        username, password = f"u{secrets.token_hex(6)}", "Pw1-" + secrets.token_urlsafe(16)
        await self.provider.create_account(
            username, password, person_id=person_id, school_ids=school_ids
        )
        return str(await self.provider.password_token(username, password))


@pytest.fixture(scope="session")
async def issuer(oidc_provider: Any) -> Issuer:
    return Issuer(oidc_provider)


@pytest.fixture(scope="session")
async def journal_database(tabel_database_templates: Any) -> str:
    """One migrated database for the session's journal; every test makes its own school."""
    from tabel_devstack.testing import DatabaseFactory

    return await DatabaseFactory(tabel_database_templates)(migrations="tabel_journal:migrations")


def journal_service(
    database_url: str, nats_server: Any, issuer: Issuer, tmp_path_factory: Any, **settings: Any
) -> Any:
    """A journal process (in this one) on the given database, with its own attachments."""
    return serve_in_process(
        SPEC,
        database_url=database_url,
        nats_url=nats_server.url,
        oidc_issuers=issuer.issuer,
        attachments_dir=str(tmp_path_factory.mktemp("attachments")),
        **settings,
    )


@pytest.fixture(scope="session")
async def journal(
    journal_database: str, nats_server: Any, issuer: Issuer, tmp_path_factory: Any
) -> AsyncIterator[Any]:
    async with journal_service(journal_database, nats_server, issuer, tmp_path_factory) as svc:
        yield svc

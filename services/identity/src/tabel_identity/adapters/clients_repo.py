"""OAuth clients and signing keys of the realm, in PostgreSQL."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete, or_, select, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from tabel_identity.adapters.tables import oauth_clients, signing_keys
from tabel_identity.domain.clients import OAuthClient
from tabel_identity.domain.keys import SigningKey


class SqlClients:
    def __init__(self, session: AsyncSession, realm: str) -> None:
        self._session = session
        self._realm = realm

    async def get(self, client_id: str) -> OAuthClient | None:
        row = (
            await self._session.execute(
                select(oauth_clients).where(
                    oauth_clients.c.realm == self._realm, oauth_clients.c.client_id == client_id
                )
            )
        ).first()
        if row is None:
            return None
        return OAuthClient(
            client_id=row.client_id,
            secret_hash=row.secret_hash,
            grant_types=frozenset(row.grant_types),
            redirect_uris=tuple(row.redirect_uris),
            post_logout_redirect_uris=tuple(row.post_logout_redirect_uris),
            roles=frozenset(row.roles),
            scopes=frozenset(row.scopes),
            school_ids=frozenset(row.school_ids),
        )

    async def put(self, client: OAuthClient) -> None:
        values = {
            "secret_hash": client.secret_hash,
            "grant_types": sorted(client.grant_types),
            "redirect_uris": list(client.redirect_uris),
            "post_logout_redirect_uris": list(client.post_logout_redirect_uris),
            "roles": sorted(client.roles),
            "scopes": sorted(client.scopes),
            "school_ids": sorted(client.school_ids),
        }
        stmt = insert(oauth_clients).values(realm=self._realm, client_id=client.client_id, **values)
        await self._session.execute(
            stmt.on_conflict_do_update(
                index_elements=[oauth_clients.c.realm, oauth_clients.c.client_id], set_=values
            )
        )

    async def remove(self, client_id: str) -> None:
        await self._session.execute(
            delete(oauth_clients).where(
                oauth_clients.c.realm == self._realm, oauth_clients.c.client_id == client_id
            )
        )


class SqlSigningKeys:
    def __init__(self, session: AsyncSession, realm: str) -> None:
        self._session = session
        self._realm = realm

    async def add(self, key: SigningKey) -> None:
        await self._session.execute(
            insert(signing_keys).values(
                kid=key.kid,
                realm=self._realm,
                private_jwk=key.private_jwk,
                created_at=key.created_at,
                retired_at=key.retired_at,
            )
        )

    async def all(self) -> list[SigningKey]:
        rows = await self._session.execute(
            select(signing_keys)
            .where(signing_keys.c.realm == self._realm)
            .order_by(signing_keys.c.created_at)
        )
        return [
            SigningKey(
                kid=r.kid,
                private_jwk=r.private_jwk,
                created_at=r.created_at,
                retired_at=r.retired_at,
            )
            for r in rows
        ]

    async def retire_all_but(self, kid: str, at: datetime) -> None:
        await self._session.execute(
            update(signing_keys)
            .where(
                signing_keys.c.realm == self._realm,
                signing_keys.c.kid != kid,
                or_(signing_keys.c.retired_at.is_(None), signing_keys.c.retired_at > at),
            )
            .values(retired_at=at)
        )

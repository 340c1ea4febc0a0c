"""Login sessions, refresh tokens, authorization codes and password-change tickets."""

from __future__ import annotations

from dataclasses import asdict
from datetime import datetime
from uuid import UUID

from sqlalchemy import delete, func, insert, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from tabel_identity.adapters.tables import (
    authorization_codes,
    login_sessions,
    password_change_tickets,
    refresh_tokens,
)
from tabel_identity.domain.sessions import AuthorizationCode, LoginSession, RefreshToken


class SqlSessions:
    def __init__(self, session: AsyncSession) -> None:
        self._s = session

    async def add(self, session: LoginSession) -> None:
        await self._s.execute(insert(login_sessions).values(**asdict(session)))

    async def get(self, session_id: UUID) -> LoginSession | None:
        row = (
            await self._s.execute(select(login_sessions).where(login_sessions.c.id == session_id))
        ).first()
        return LoginSession(**row._mapping) if row else None

    async def end(self, session_id: UUID, at: datetime) -> None:
        await self._s.execute(
            update(login_sessions)
            .where(login_sessions.c.id == session_id, login_sessions.c.ended_at.is_(None))
            .values(ended_at=at)
        )

    async def end_all_of(self, account_id: UUID, at: datetime) -> None:
        await self._s.execute(
            update(login_sessions)
            .where(login_sessions.c.account_id == account_id, login_sessions.c.ended_at.is_(None))
            .values(ended_at=at)
        )

    async def add_refresh_token(self, token: RefreshToken) -> None:
        await self._s.execute(insert(refresh_tokens).values(**asdict(token)))

    async def refresh_token(self, token_hash: str) -> RefreshToken | None:
        row = (
            await self._s.execute(
                select(refresh_tokens).where(refresh_tokens.c.token_hash == token_hash)
            )
        ).first()
        return RefreshToken(**row._mapping) if row else None

    async def revoke_refresh_token(self, token_hash: str, at: datetime) -> bool:
        """True if this call revoked it (not someone before)."""
        revoked = await self._s.execute(
            update(refresh_tokens)
            .where(refresh_tokens.c.token_hash == token_hash, refresh_tokens.c.revoked_at.is_(None))
            .values(revoked_at=at)
            .returning(refresh_tokens.c.token_hash)
        )
        return revoked.first() is not None

    async def add_code(self, code: AuthorizationCode) -> None:
        # Codes live a minute; sweeping the stale ones here keeps the table tiny.
        await self._s.execute(
            delete(authorization_codes).where(authorization_codes.c.expires_at < func.now())
        )
        await self._s.execute(insert(authorization_codes).values(**asdict(code)))

    async def take_code(self, code_hash: str, client_id: str) -> AuthorizationCode | None:
        row = (
            await self._s.execute(
                delete(authorization_codes)
                .where(
                    authorization_codes.c.code_hash == code_hash,
                    authorization_codes.c.client_id == client_id,
                )
                .returning(*authorization_codes.c)
            )
        ).first()
        return AuthorizationCode(**row._mapping) if row else None

    async def add_ticket(self, ticket_hash: str, account_id: UUID, expires_at: datetime) -> None:
        await self._s.execute(
            delete(password_change_tickets).where(password_change_tickets.c.expires_at < func.now())
        )
        await self._s.execute(
            insert(password_change_tickets).values(
                ticket_hash=ticket_hash, account_id=account_id, expires_at=expires_at
            )
        )

    async def take_ticket(self, ticket_hash: str, now: datetime) -> UUID | None:
        account_id = (
            await self._s.execute(
                delete(password_change_tickets)
                .where(
                    password_change_tickets.c.ticket_hash == ticket_hash,
                    password_change_tickets.c.expires_at > now,
                )
                .returning(password_change_tickets.c.account_id)
            )
        ).scalar_one_or_none()
        return account_id

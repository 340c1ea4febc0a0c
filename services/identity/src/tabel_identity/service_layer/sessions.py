"""Use cases behind the OIDC endpoints: codes, login sessions, refresh tokens, logout."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from uuid import UUID

from tabel_identity.domain.accounts import Account
from tabel_identity.domain.clients import OAuthClient
from tabel_identity.domain.sessions import (
    AuthorizationCode,
    LoginSession,
    RefreshToken,
    digest,
)
from tabel_identity.service_layer.ports import Identity


async def get_client(identity: Identity, client_id: str) -> OAuthClient | None:
    async with identity.uow() as uow:
        return await uow.clients.get(client_id)


async def get_account(identity: Identity, account_id: UUID) -> Account | None:
    async with identity.uow() as uow:
        account = await uow.accounts.get(account_id)
    return None if account is None or account.disabled else account


async def save_code(identity: Identity, code: str, issued: AuthorizationCode) -> None:
    stored = replace(
        issued, code_hash=digest(code), expires_at=identity.clock() + identity.code_ttl
    )
    async with identity.uow() as uow:
        await uow.sessions.add_code(stored)


async def take_code(identity: Identity, code: str, client_id: str) -> AuthorizationCode | None:
    """A code is good once: taking it deletes it, whatever happens next."""
    async with identity.uow() as uow:
        found = await uow.sessions.take_code(digest(code), client_id)
    return found if found and identity.clock() < found.expires_at else None


async def record_tokens(
    identity: Identity,
    *,
    session_id: UUID,
    account_id: UUID,
    client_id: str,
    auth_time: datetime,
    scope: str,
    refresh_token: str | None,
) -> int:
    """Starts the login session if new and stores the refresh token; its lifetime in seconds."""
    now = identity.clock()
    async with identity.uow() as uow:
        session = await uow.sessions.get(session_id)
        if session is None:
            session = LoginSession(
                id=session_id,
                account_id=account_id,
                client_id=client_id,
                auth_time=auth_time,
                expires_at=auth_time + identity.session_max,
            )
            await uow.sessions.add(session)
        expires_at = min(now + identity.refresh_token_ttl, session.expires_at)
        if refresh_token:
            await uow.sessions.add_refresh_token(
                RefreshToken(
                    token_hash=digest(refresh_token),
                    session_id=session_id,
                    account_id=account_id,
                    client_id=client_id,
                    scope=scope,
                    expires_at=expires_at,
                )
            )
    return max(0, int((expires_at - now).total_seconds()))


async def use_refresh_token(
    identity: Identity, token: str
) -> tuple[RefreshToken, LoginSession] | None:
    """Spends a refresh token (they rotate: each is good once) and returns it with its session
    if both were live. A spent one presented again is a replay: it ends the whole session, so
    a thief and the owner both have to log in again."""
    now = identity.clock()
    async with identity.uow() as uow:
        found = await uow.sessions.refresh_token(digest(token))
        if found is None:
            return None
        if not await uow.sessions.revoke_refresh_token(found.token_hash, now):
            await uow.sessions.end(found.session_id, now)
            return None
        session = await uow.sessions.get(found.session_id)
        if session is None or not session.is_active(now) or now >= found.expires_at:
            return None
        return found, session


async def end_session_by_refresh_token(identity: Identity, token: str, client_id: str) -> bool:
    """Logout with a refresh token (Keycloak's back-channel form); false if not this client's."""
    async with identity.uow() as uow:
        found = await uow.sessions.refresh_token(digest(token))
        if found is None or found.client_id != client_id:
            return False
        await uow.sessions.end(found.session_id, identity.clock())
    return True


async def end_session(identity: Identity, session_id: UUID, account_id: UUID) -> None:
    async with identity.uow() as uow:
        session = await uow.sessions.get(session_id)
        if session is not None and session.account_id == account_id:
            await uow.sessions.end(session_id, identity.clock())

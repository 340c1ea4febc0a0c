"""Use cases: a school administrator registers the school's OneRoster clients (the secret is
shown once and kept as an argon2id hash), lists and revokes them."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from datetime import UTC, datetime
from uuid import UUID

from tabel_identity.adapters import audit_repo, school_clients_repo
from tabel_identity.adapters.audit_repo import AuditEntry, Source
from tabel_identity.adapters.clients_repo import SqlClients
from tabel_identity.domain.errors import ClientNotFound, ClientsInKeycloak
from tabel_identity.domain.school_clients import SchoolClient, checked_scopes, new_client_id
from tabel_identity.domain.sessions import new_secret
from tabel_identity.service_layer.authorization import Actor, require
from tabel_identity.service_layer.grants import event_actor
from tabel_identity.service_layer.ports import PasswordHasher
from tabel_identity.settings import realm_of
from tabel_platform.runtime import Runtime

MANAGE = "identity.client.manage"


@dataclass(frozen=True)
class RegisterClient:
    school_id: UUID
    name: str
    scopes: frozenset[str] = frozenset()  # empty: roster-core.readonly


@dataclass(frozen=True)
class RegisteredClient:
    client: SchoolClient
    secret: str  # shown once; only its hash is kept


def _embedded_only(runtime: Runtime) -> None:
    if getattr(runtime.settings, "user_directory", "embedded") == "keycloak":
        raise ClientsInKeycloak()


async def register(
    *, runtime: Runtime, hasher: PasswordHasher, command: RegisterClient, by: Actor,
    source: Source,
) -> RegisteredClient:  # fmt: skip
    """A new client-credentials client for the school, with the given OneRoster scopes."""
    _embedded_only(runtime)
    scopes = checked_scopes(command.scopes)
    secret, realm = new_secret(), realm_of(runtime.settings)
    client = SchoolClient(
        client_id=new_client_id(), school_id=command.school_id, name=command.name,
        scopes=scopes, created_at=datetime.now(UTC), created_by=by.account_id,
    )  # fmt: skip
    async with runtime.uow(school_id=command.school_id, actor=event_actor(by)) as uow:
        await require(uow.session, by, MANAGE, command.school_id)
        # Hashed only once allowed: nobody else can make identity spend argon2 time.
        secret_hash = await asyncio.to_thread(hasher.hash, secret)
        await school_clients_repo.add(uow.session, realm, client)
        await SqlClients(uow.session, realm).put(client.credential(secret_hash))
        await audit_repo.record(uow.session, AuditEntry(
            kind="client_registered", outcome="ok", at=client.created_at,
            school_id=client.school_id, actor_account_id=by.account_id, source=source,
            details={"client_id": client.client_id, "name": client.name,
                     "scopes": sorted(client.scopes)},
        ))  # fmt: skip
    return RegisteredClient(client, secret)


async def listed(*, runtime: Runtime, school_id: UUID, by: Actor) -> list[SchoolClient]:
    async with runtime.uow(school_id=school_id) as uow:
        await require(uow.session, by, MANAGE, school_id)
        return await school_clients_repo.of_school(uow.session, realm_of(runtime.settings),
                                                   school_id)  # fmt: skip


async def revoke(
    *, runtime: Runtime, school_id: UUID, client_id: str, by: Actor, source: Source
) -> None:
    """The client gets no more tokens (those issued live out their few minutes)."""
    realm, now = realm_of(runtime.settings), datetime.now(UTC)
    async with runtime.uow(school_id=school_id, actor=event_actor(by)) as uow:
        await require(uow.session, by, MANAGE, school_id)
        revoked = await school_clients_repo.revoke(
            uow.session, realm, school_id, client_id, at=now, by=by.account_id
        )
        if not revoked:
            raise ClientNotFound()
        await SqlClients(uow.session, realm).remove(client_id)
        await audit_repo.record(uow.session, AuditEntry(
            kind="client_revoked", outcome="ok", at=now, school_id=school_id,
            actor_account_id=by.account_id, source=source, details={"client_id": client_id},
        ))  # fmt: skip

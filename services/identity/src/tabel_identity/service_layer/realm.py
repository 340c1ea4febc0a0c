"""Use case: the realm's standard clients exist and carry the configured secrets."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, replace

from tabel_identity.domain.clients import OAuthClient
from tabel_identity.service_layer.ports import Identity


@dataclass(frozen=True)
class ClientSpec:
    client: OAuthClient  # its secret_hash is ignored
    secret: str | None  # None: a public client


async def ensure_clients(identity: Identity, specs: list[ClientSpec]) -> None:
    """Creates missing clients and brings existing ones to the spec. A stored secret hash is
    kept while it still matches the configured secret (argon2 salts differ on every hash)."""
    hasher = identity.hasher
    for spec in specs:
        async with identity.uow() as uow:
            existing = await uow.clients.get(spec.client.client_id)
        secret_hash = None
        if spec.secret is not None:
            old = existing.secret_hash if existing else None
            same = old is not None and await asyncio.to_thread(hasher.verify, old, spec.secret)
            secret_hash = old if same else await asyncio.to_thread(hasher.hash, spec.secret)
        wanted = replace(spec.client, secret_hash=secret_hash)
        if wanted != existing:
            async with identity.uow() as uow:
                await uow.clients.put(wanted)

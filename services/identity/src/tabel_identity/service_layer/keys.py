"""Use cases of the realm's signing keys: make sure one is active, rotate, publish."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any

from tabel_identity.domain.keys import SigningKey, signing_key
from tabel_identity.service_layer.ports import Identity

# Makes a new private key: (kid, private JWK). RSA generation is CPU work, run off the loop.
KeyMaker = Callable[[], tuple[str, dict[str, Any]]]


async def active_key(identity: Identity) -> SigningKey | None:
    """The key that signs now."""
    async with identity.uow() as uow:
        keys = await uow.keys.all()
    return signing_key(keys, identity.clock(), identity.key_activation_delay)


async def published_keys(identity: Identity) -> list[SigningKey]:
    """Keys whose signatures may be on unexpired tokens, or soon will be (the JWKS)."""
    now = identity.clock()
    async with identity.uow() as uow:
        keys = await uow.keys.all()
    return [k for k in keys if k.is_published(now, identity.access_token_ttl)]


async def rotate_signing_key(identity: Identity, make_key: KeyMaker) -> str:
    """A new key, published now, signing after the activation delay; the keys it replaces
    sign until then and stay published until their tokens have expired. Returns its kid."""
    kid, jwk = await asyncio.to_thread(make_key)
    now = identity.clock()
    async with identity.uow() as uow:
        await uow.keys.add(SigningKey(kid=kid, private_jwk=jwk, created_at=now))
        await uow.keys.retire_all_but(kid, now + identity.key_activation_delay)
    return kid


async def ensure_signing_key(identity: Identity, make_key: KeyMaker) -> str:
    """At start: a key to sign with, and a rotation begun if the signing one is too old."""
    current = await active_key(identity)
    if current is None or current.is_due_for_rotation(identity.clock(), identity.key_max_age):
        return await rotate_signing_key(identity, make_key)
    return current.kid

"""A reset of an account whose password lives in an outside directory (Keycloak) sets the
temporary password there; identity's own accounts keep theirs locally."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any
from uuid import UUID

from tabel_identity.domain.accounts import Account
from tabel_identity.service_layer import accounts
from tabel_identity.service_layer.directory import DirectoryUser, StoredUser
from tabel_identity.service_layer.ports import Identity


class RecordingDirectory:
    name = "keycloak"

    def __init__(self) -> None:
        self.passwords: list[tuple[UUID, str, bool]] = []

    async def provision_realm(self, export: dict[str, Any]) -> None: ...
    async def create_user(self, user: DirectoryUser, *, session: Any) -> UUID:
        raise AssertionError("not in this test")

    async def discard_user(self, subject: UUID) -> None: ...
    async def set_password(self, subject: UUID, password: str, *, temporary: bool) -> None:
        self.passwords.append((subject, password, temporary))

    async def user(self, subject: UUID) -> StoredUser | None:
        return None


async def test_a_keycloak_user_is_reset_in_keycloak(identity: Identity, store: Any) -> None:
    school = uuid.uuid4()
    linked = Account(id=uuid.uuid4(), username="kc.user", password_hash=None,
                     created_at=datetime.now(UTC), school_ids=frozenset({school}))  # fmt: skip
    await store.accounts.add(linked)
    directory = RecordingDirectory()
    admin = accounts.Admin(account_id="a", school_ids=frozenset({school}))

    password = await accounts.reset_password(
        identity, admin=admin, account_id=linked.id, directory=directory
    )
    assert directory.passwords == [(linked.id, password, True)]
    assert (await store.accounts.get(linked.id)).password_hash is None  # nothing local

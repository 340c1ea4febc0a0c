"""Keycloak as the user directory, through python-keycloak's KeycloakAdmin: the realm from
its export, users with the attributes the realm's mappers put into tokens
(`tabel_person_id`, `tabel_school_ids`) and UPDATE_PASSWORD for one-time passwords.
Identity keeps an account row without a password as its link to the Keycloak user (grants,
audit and roster links refer to it); its id is the Keycloak user id, the tokens' `sub`."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any
from uuid import UUID

from keycloak import KeycloakAdmin
from keycloak.exceptions import KeycloakError, KeycloakGetError
from sqlalchemy.ext.asyncio import AsyncSession

from tabel_identity.adapters.accounts_repo import SqlAccounts
from tabel_identity.domain.accounts import Account, normalize_username
from tabel_identity.domain.errors import AccountNotFound, UsernameTaken
from tabel_identity.service_layer.directory import DirectoryUser, StoredUser

UPDATE_PASSWORD = "UPDATE_PASSWORD"  # noqa: S105 - a required action, not a secret


def user_representation(user: DirectoryUser) -> dict[str, Any]:
    attributes: dict[str, list[str]] = {
        "tabel_school_ids": sorted(str(s) for s in user.school_ids),
    }
    if user.person_id:
        attributes["tabel_person_id"] = [str(user.person_id)]
    if user.middle_name:
        attributes["middleName"] = [user.middle_name]
    return {
        "username": user.username, "enabled": True, "email": user.email or None,
        "firstName": user.first_name, "lastName": user.last_name, "attributes": attributes,
        "credentials": [{"type": "password", "value": user.password,
                         "temporary": user.temporary}],
        "requiredActions": [UPDATE_PASSWORD] if user.temporary else [],
    }  # fmt: skip


class KeycloakDirectory:
    name = "keycloak"

    def __init__(self, admin: KeycloakAdmin, realm: str) -> None:
        self._admin = admin
        self._realm = realm

    async def provision_realm(self, export: dict[str, Any]) -> None:
        """Creates the realm from its export unless it exists (then it is left as is, like
        `kc.sh start --import-realm`)."""
        await self._admin.a_create_realm(payload=export, skip_exists=True)

    async def create_user(self, user: DirectoryUser, *, session: AsyncSession) -> UUID:
        username = normalize_username(user.username)
        try:
            subject = UUID(await self._admin.a_create_user(user_representation(user)))
        except KeycloakError as exc:
            if exc.response_code == 409:
                raise UsernameTaken(username) from exc
            raise
        link = Account(
            id=subject, username=username, password_hash=None, created_at=datetime.now(UTC),
            person_id=user.person_id, school_ids=user.school_ids,
            display_name=user.display_name, email=user.email,
        )  # fmt: skip
        await SqlAccounts(session, self._realm).add(link)
        return subject

    async def discard_user(self, subject: UUID) -> None:
        await self._admin.a_delete_user(str(subject))

    async def set_password(self, subject: UUID, password: str, *, temporary: bool) -> None:
        try:
            await self._admin.a_set_user_password(str(subject), password, temporary=temporary)
        except KeycloakError as exc:
            if exc.response_code == 404:
                raise AccountNotFound() from exc
            raise

    async def user(self, subject: UUID) -> StoredUser | None:
        try:
            found = await self._admin.a_get_user(str(subject))
        except KeycloakGetError as exc:
            if exc.response_code == 404:
                return None
            raise
        attributes = found.get("attributes") or {}
        person = (attributes.get("tabel_person_id") or [None])[0]
        return StoredUser(
            subject=subject, username=found["username"],
            person_id=UUID(person) if person else None,
            school_ids=frozenset(UUID(s) for s in attributes.get("tabel_school_ids") or []),
            must_change_password=UPDATE_PASSWORD in (found.get("requiredActions") or []),
            enabled=bool(found.get("enabled", True)),
        )  # fmt: skip

"""The user directory behind one interface: the embedded provider's accounts (always tested,
for real) and Keycloak through KeycloakAdmin (when KEYCLOAK_URL is set). The same contract:
a user made for a person carries `tabel_person_id` and `tabel_school_ids` into the token, a
one-time password must be changed first, a taken username is refused, the realm export is
what is provisioned."""

from __future__ import annotations

import os
import secrets
import uuid
from collections.abc import Awaitable, Callable
from pathlib import Path

import pytest
from keycloak import KeycloakAdmin, KeycloakOpenID
from keycloak.exceptions import KeycloakAuthenticationError, KeycloakPostError

from tabel_identity.adapters.embedded_directory import EmbeddedDirectory
from tabel_identity.adapters.keycloak_directory import KeycloakDirectory
from tabel_identity.domain.errors import InvalidGrant, UsernameTaken
from tabel_identity.domain.realm_export import load, placeholders
from tabel_identity.service_layer.directory import DirectoryUser, UserDirectory
from tabel_identity.wiring import directory_of
from tabel_platform.auth.tokens import PERSON_CLAIM, SCHOOLS_CLAIM
from tabel_platform.runtime import Runtime

from .conftest import Region

pytestmark = pytest.mark.integration
REALM = Path(__file__).resolve().parents[4] / "deploy" / "keycloak" / "realm-tabel.json"
Login = Callable[[str, str], Awaitable[dict[str, object]]]
REFUSED = (KeycloakAuthenticationError, KeycloakPostError)


def realm_export(realm: str) -> dict[str, object]:
    text = REALM.read_text(encoding="utf-8")
    values = {name: f"test-{secrets.token_hex(4)}" for name in placeholders(text)}
    values["TABEL_PORTAL_HOST"] = "portal.test"
    values["TABEL_ESIA_BASE_URL"] = "https://esia.test"
    export = load(REALM, values)
    export["realm"] = realm
    return export


async def honours_the_contract(
    directory: UserDirectory, runtime: Runtime, claims_of: Login
) -> None:
    person, school = uuid.uuid4(), uuid.uuid4()
    name = f"elkina.m{secrets.randbelow(10**6)}"
    user = DirectoryUser(username=name, password="k3mnp7q2rs", temporary=True,
                         person_id=person, school_ids=frozenset({school}),
                         last_name="Ёлкина", first_name="Мария")  # fmt: skip
    async with runtime.uow() as uow:
        subject = await directory.create_user(user, session=uow.session)
    stored = await directory.user(subject)
    assert stored is not None and stored.username == name and stored.person_id == person
    assert stored.school_ids == frozenset({school}) and stored.must_change_password
    with pytest.raises(UsernameTaken):
        async with runtime.uow() as uow:
            await directory.create_user(user, session=uow.session)
    with pytest.raises(REFUSED):  # a one-time password alone does not give a token
        await claims_of(name, "k3mnp7q2rs")
    await directory.set_password(subject, "Svoj-parol-26", temporary=False)
    claims = await claims_of(name, "Svoj-parol-26")
    assert claims["sub"] == str(subject) and claims[PERSON_CLAIM] == str(person)
    assert claims[SCHOOLS_CLAIM] == [str(school)]
    assert await directory.user(uuid.uuid4()) is None


async def test_embedded_directory(region: Region) -> None:
    runtime = region.provider.handle.runtime
    directory = directory_of(runtime)
    assert isinstance(directory, EmbeddedDirectory)
    validator = region.provider.validator()

    async def claims_of(username: str, password: str) -> dict[str, object]:
        token = await region.provider.password_token(username, password)
        return dict((await validator.validate(token)).claims)

    await honours_the_contract(directory, runtime, claims_of)
    await directory.provision_realm(realm_export("tabel"))  # the realm it serves
    with pytest.raises(InvalidGrant):
        await directory.provision_realm(realm_export("another-region"))


@pytest.mark.keycloak
@pytest.mark.skipif(not os.environ.get("KEYCLOAK_URL"),
                    reason="needs a real Keycloak: set KEYCLOAK_URL, KEYCLOAK_ADMIN_USER, "
                    "KEYCLOAK_ADMIN_PASSWORD")  # fmt: skip
async def test_keycloak_directory(region: Region) -> None:
    url = os.environ["KEYCLOAK_URL"]
    realm = f"tabel-test-{secrets.token_hex(4)}"
    admin = KeycloakAdmin(
        server_url=url, username=os.environ.get("KEYCLOAK_ADMIN_USER", "admin"),
        password=os.environ.get("KEYCLOAK_ADMIN_PASSWORD", "admin"), realm_name=realm,
        user_realm_name="master",
    )  # fmt: skip
    directory = KeycloakDirectory(admin, "tabel")  # identity's own rows stay in realm "tabel"
    await directory.provision_realm(realm_export(realm))
    await directory.provision_realm(realm_export(realm))  # again: left as it is
    cli = KeycloakOpenID(server_url=url, realm_name=realm, client_id="tabel-cli")

    async def claims_of(username: str, password: str) -> dict[str, object]:
        token = await cli.a_token(username=username, password=password)
        return dict(await cli.a_decode_token(token["access_token"], validate=False))

    try:
        await honours_the_contract(directory, region.provider.handle.runtime, claims_of)
    finally:
        await admin.a_delete_realm(realm)

"""The realm export made ready for Keycloak's admin API, and the users identity asks
Keycloak to make (attributes the token mappers read, UPDATE_PASSWORD for one-time ones)."""

from __future__ import annotations

import json
import uuid
from pathlib import Path

import pytest

from tabel_identity.adapters.keycloak_directory import user_representation
from tabel_identity.domain.realm_export import MissingRealmValues, load, placeholders, resolve
from tabel_identity.service_layer.directory import DirectoryUser

REALM = Path(__file__).resolve().parents[4] / "deploy" / "keycloak" / "realm-tabel.json"


def test_the_deployment_realm_needs_its_secrets_and_hosts() -> None:
    needed = placeholders(REALM.read_text(encoding="utf-8"))
    assert "TABEL_PORTAL_HOST" in needed and "TABEL_SVC_JOURNAL_SECRET" in needed
    assert "email" not in needed  # ${email} is a Keycloak message key, not a variable
    with pytest.raises(MissingRealmValues) as missing:
        load(REALM, {"TABEL_PORTAL_HOST": "portal.test"})
    assert "TABEL_ESIA_CLIENT_SECRET" in missing.value.names
    realm = load(REALM, {name: f"value-of-{name}" for name in needed})
    journal = next(c for c in realm["clients"] if c["clientId"] == "svc-journal")
    assert journal["secret"] == "value-of-TABEL_SVC_JOURNAL_SECRET"


def test_values_are_escaped_and_defaults_apply() -> None:
    text = json.dumps({"a": "${SECRET}", "b": "${HOST:localhost}"})
    assert resolve(text, {"SECRET": 'q"\\z'}) == {"a": 'q"\\z', "b": "localhost"}


def test_users_carry_the_token_attributes_and_one_time_passwords_must_be_changed() -> None:
    person, school = uuid.uuid4(), uuid.uuid4()
    user = DirectoryUser(username="ivanova.m2345", password="k3mnp7q2rs", temporary=True,
                         person_id=person, school_ids=frozenset({school}), last_name="Иванова",
                         first_name="Мария", middle_name="Петровна")  # fmt: skip
    shown = user_representation(user)
    assert shown["attributes"] == {
        "tabel_school_ids": [str(school)], "tabel_person_id": [str(person)],
        "middleName": ["Петровна"],
    }  # fmt: skip
    assert shown["requiredActions"] == ["UPDATE_PASSWORD"]
    assert shown["credentials"] == [{"type": "password", "value": "k3mnp7q2rs", "temporary": True}]
    chosen = user_representation(DirectoryUser("anna", "Svoj-parol-26", temporary=False))
    assert chosen["requiredActions"] == [] and chosen["credentials"][0]["temporary"] is False

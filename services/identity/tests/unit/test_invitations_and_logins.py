"""Which role an invitation gives, and generated logins a parent can type from paper."""

from __future__ import annotations

import pytest

from tabel_identity.domain.errors import InvalidGrant
from tabel_identity.domain.invitations import invited_role
from tabel_identity.domain.logins import generated_username, one_time_password, transliterate
from tabel_identity.domain.passwords import PasswordPolicy
from tabel_identity.domain.permissions import Role


def test_role_is_implied_by_the_kind_of_person() -> None:
    assert invited_role(frozenset({"student"}), None) is Role.STUDENT
    assert invited_role(frozenset({"guardian"}), None) is Role.GUARDIAN
    assert invited_role(frozenset({"staff"}), None) is Role.TEACHER
    assert invited_role(frozenset({"staff", "guardian"}), None) is Role.TEACHER
    assert invited_role(frozenset({"staff"}), Role.DIRECTOR) is Role.DIRECTOR


@pytest.mark.parametrize(
    ("kinds", "asked", "reason"),
    [
        ({"student"}, Role.GUARDIAN, "role_not_for_person"),
        ({"student"}, Role.TEACHER, "role_not_for_person"),
        ({"guardian"}, Role.ADMINISTRATOR, "role_not_for_person"),
        ({"staff"}, Role.REGION_OPERATOR, "platform_role"),
        (set(), None, "role_not_for_person"),
    ],
)
def test_a_role_that_does_not_fit_the_person_is_refused(
    kinds: set[str], asked: Role | None, reason: str
) -> None:
    with pytest.raises(InvalidGrant) as refused:
        invited_role(frozenset(kinds), asked)
    assert str(refused.value) == reason


def test_generated_usernames_are_latin_and_typeable() -> None:
    assert transliterate("Щукина-Юрьева") == "shchukinaiureva"
    name = generated_username("Ёлкина", "Жанна")
    assert name.startswith("elkina.zh") and len(name) == len("elkina.zh") + 4
    assert generated_username("", "").startswith("user.")


def test_one_time_passwords_meet_the_policy_and_avoid_look_alikes() -> None:
    policy = PasswordPolicy()
    for _ in range(200):
        password = one_time_password()
        assert not policy.violations(password, username="ivanov.i2345")
        assert not set(password) & set("01lIoO")

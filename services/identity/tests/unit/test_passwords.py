"""Password policy, the forced change at first login and the administrator's reset."""

from __future__ import annotations

import uuid
from typing import Any

import pytest

from tabel_identity.domain.errors import NotAllowed, TicketExpired, WeakPassword
from tabel_identity.domain.passwords import PasswordPolicy, temporary_password
from tabel_identity.service_layer import accounts
from tabel_identity.service_layer.ports import Identity


@pytest.mark.parametrize(
    ("password", "violations"),
    [
        ("short1", ["too_short"]),
        ("onlyletters", ["needs_digit"]),
        ("1234567890", ["needs_letter", "too_common"]),
        ("petrov-2026", ["contains_username"]),
        ("Password1", ["too_common"]),
        ("horosho-2026", []),
        ("хорошо-2026", []),
    ],
)
def test_policy(password: str, violations: list[str]) -> None:
    assert PasswordPolicy().violations(password, username="Petrov") == violations


def test_temporary_passwords_meet_the_policy() -> None:
    for _ in range(50):
        policy = PasswordPolicy()
        assert policy.violations(temporary_password(policy, "abc"), username="abc") == []


async def register(identity: Identity, **fields: object) -> uuid.UUID:
    return await accounts.register_account(identity, accounts.RegisterAccount(**fields))  # type: ignore[arg-type]


async def test_forced_change_through_a_ticket(identity: Identity, clock: Any) -> None:
    account_id = await register(
        identity, username="novikov", password="vremennyj-1", must_change_password=True
    )
    account = await accounts.authenticate(identity, username="novikov", password="vremennyj-1")
    assert account.must_change_password
    ticket = await accounts.issue_password_change_ticket(identity, account_id)

    with pytest.raises(WeakPassword):  # a refused password leaves the ticket usable
        await accounts.complete_password_change(identity, ticket=ticket, new_password="vremennyj-1")
    changed = await accounts.complete_password_change(
        identity, ticket=ticket, new_password="novyj-parol-1"
    )
    assert not changed.must_change_password
    with pytest.raises(TicketExpired):  # used up
        await accounts.complete_password_change(identity, ticket=ticket, new_password="drugoj-2")


async def test_a_ticket_expires(identity: Identity, clock: Any) -> None:
    account_id = await register(identity, username="orlov", password="vremennyj-1")
    ticket = await accounts.issue_password_change_ticket(identity, account_id)
    clock.advance(minutes=11)
    with pytest.raises(TicketExpired):
        await accounts.complete_password_change(identity, ticket=ticket, new_password="novyj-1a")


async def test_admin_resets_only_their_school_and_no_platform_roles(
    identity: Identity, store: Any
) -> None:
    school, other = uuid.uuid4(), uuid.uuid4()
    teacher = await register(
        identity, username="uchitel", password="parol-2026", school_ids=frozenset({school})
    )
    stranger = await register(
        identity, username="chuzhoj", password="parol-2026", school_ids=frozenset({other})
    )
    operator = await register(
        identity, username="operator", password="parol-2026",
        school_ids=frozenset({school}), roles=frozenset({"region_operator"}),
    )  # fmt: skip
    admin = accounts.Admin(account_id="a", school_ids=frozenset({school}))

    temporary = await accounts.reset_password(identity, admin=admin, account_id=teacher)
    reset = await accounts.authenticate(identity, username="uchitel", password=temporary)
    assert reset.must_change_password and teacher in store.sessions.ended_for
    for target in (stranger, operator):
        with pytest.raises(NotAllowed):
            await accounts.reset_password(identity, admin=admin, account_id=target)
    not_admin = accounts.Admin(account_id="b", school_ids=frozenset())
    with pytest.raises(NotAllowed):
        await accounts.reset_password(identity, admin=not_admin, account_id=teacher)

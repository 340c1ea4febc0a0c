"""Lockout: 5 wrong passwords within 15 minutes lock the account for 15 minutes."""

from __future__ import annotations

from typing import Any

import pytest

from tabel_identity.domain.errors import AccountLocked, InvalidCredentials
from tabel_identity.service_layer.accounts import RegisterAccount, authenticate, register_account
from tabel_identity.service_layer.ports import Identity


async def wrong(identity: Identity, times: int) -> type[Exception]:
    raised: type[Exception] = Exception
    for _ in range(times):
        with pytest.raises((InvalidCredentials, AccountLocked)) as caught:
            await authenticate(identity, username="ivanova", password="wrong-pass-1")
        raised = caught.type
    return raised


@pytest.fixture
async def account(identity: Identity) -> None:
    await register_account(identity, RegisterAccount(username="Ivanova", password="pravilnyj-1"))


async def test_the_fifth_wrong_password_locks(identity: Identity, account: None) -> None:
    assert await wrong(identity, 4) is InvalidCredentials
    assert await wrong(identity, 1) is AccountLocked
    with pytest.raises(AccountLocked):
        await authenticate(identity, username="ivanova", password="pravilnyj-1")


async def test_the_lock_ends_after_fifteen_minutes(
    identity: Identity, account: None, clock: Any
) -> None:
    await wrong(identity, 5)
    clock.advance(minutes=14)
    with pytest.raises(AccountLocked):
        await authenticate(identity, username="ivanova", password="pravilnyj-1")
    clock.advance(minutes=1, seconds=1)
    assert (await authenticate(identity, username="IVANOVA", password="pravilnyj-1")).username


async def test_failures_older_than_the_window_do_not_count(
    identity: Identity, account: None, clock: Any
) -> None:
    await wrong(identity, 4)
    clock.advance(minutes=16)
    assert await wrong(identity, 4) is InvalidCredentials


async def test_a_correct_password_resets_the_count(identity: Identity, account: None) -> None:
    await wrong(identity, 4)
    await authenticate(identity, username="ivanova", password="pravilnyj-1")
    assert await wrong(identity, 4) is InvalidCredentials


async def test_unknown_user_is_just_invalid_credentials(identity: Identity) -> None:
    with pytest.raises(InvalidCredentials):
        await authenticate(identity, username="nobody", password="whatever-1")

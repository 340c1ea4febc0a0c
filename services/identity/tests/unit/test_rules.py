"""Rules with no storage at all: signing-key selection, redirect URIs, scopes, rate limit."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from tabel_identity.adapters.rate_limit import SlidingWindowLimiter
from tabel_identity.domain.clients import OAuthClient, allowed_scope
from tabel_identity.domain.keys import SigningKey, signing_key

T0 = datetime(2026, 9, 1, tzinfo=UTC)
DELAY = timedelta(seconds=30)
TTL = timedelta(minutes=5)


def key(kid: str, at: datetime, retired: datetime | None = None) -> SigningKey:
    return SigningKey(kid=kid, private_jwk={}, created_at=at, retired_at=retired)


def test_the_first_key_signs_at_once() -> None:
    assert signing_key([key("a", T0)], T0, DELAY) == key("a", T0)


def test_a_rotated_key_signs_only_after_the_activation_delay() -> None:
    rotated = T0 + timedelta(days=30)
    keys = [key("old", T0, retired=rotated + DELAY), key("new", rotated)]
    assert signing_key(keys, rotated + timedelta(seconds=1), DELAY).kid == "old"  # type: ignore[union-attr]
    assert signing_key(keys, rotated + DELAY, DELAY).kid == "new"  # type: ignore[union-attr]
    old = keys[0]
    assert old.is_published(rotated + DELAY + TTL, TTL)  # its last tokens are still live
    assert not old.is_published(rotated + DELAY + TTL + timedelta(minutes=3), TTL)


def test_redirect_uris_match_exactly_or_by_a_trailing_star() -> None:
    client = OAuthClient(
        client_id="c",
        secret_hash=None,
        grant_types=frozenset(),
        redirect_uris=("http://127.0.0.1:8000/auth/callback", "http://school1.localhost:8000/*"),
    )
    assert client.allows_redirect("http://127.0.0.1:8000/auth/callback")
    assert not client.allows_redirect("http://127.0.0.1:8000/auth/callback/../x?y")
    assert client.allows_redirect("http://school1.localhost:8000/auth/callback")
    assert not client.allows_redirect("http://school1.localhost:8000.evil.example/")


def test_unknown_scopes_are_dropped() -> None:
    assert allowed_scope("openid admin profile openid") == "openid profile"


def test_rate_limit_slides() -> None:
    now = [0.0]
    limiter = SlidingWindowLimiter(2, window_s=60, clock=lambda: now[0])
    assert limiter.allow("a") and limiter.allow("a") and not limiter.allow("a")
    assert limiter.allow("b")
    now[0] = 60.5
    assert limiter.allow("a")

"""The validator's key handling: discovery once, keys cached, refetched on an unknown key id.

The issuer here is an in-memory HTTP transport; the real embedded provider is exercised by
the integration tests (tests/integration/test_token_refusal.py).
"""

from __future__ import annotations

import time
from typing import Any

import httpx
import pytest
from joserfc import jwt
from joserfc.jwk import RSAKey

from tabel_platform.auth.tokens import InvalidToken, TokenValidator

ISSUER = "http://idp.test/realms/tabel"


class FakeIssuer:
    def __init__(self) -> None:
        self.keys = [RSAKey.generate_key(2048, parameters={"kid": "k1"})]
        self.jwks_calls = 0

    def handler(self, request: httpx.Request) -> httpx.Response:
        if request.url.path.endswith("openid-configuration"):
            return httpx.Response(200, json={"issuer": ISSUER, "jwks_uri": f"{ISSUER}/certs"})
        self.jwks_calls += 1
        return httpx.Response(200, json={"keys": [k.as_dict(private=False) for k in self.keys]})

    def token(self, key: RSAKey | None = None, **claims: Any) -> str:
        key = key or self.keys[-1]
        now = int(time.time())
        body = {"iss": ISSUER, "aud": "tabel-api", "sub": "acc-1", "iat": now, "exp": now + 300}
        body.update(claims)
        return jwt.encode({"alg": "RS256", "kid": key.kid}, body, key)


@pytest.fixture
def issuer() -> FakeIssuer:
    return FakeIssuer()


def validator(issuer: FakeIssuer, **kwargs: Any) -> TokenValidator:
    client = httpx.AsyncClient(transport=httpx.MockTransport(issuer.handler))
    return TokenValidator(issuers=[ISSUER], audience="tabel-api", http=client, **kwargs)


async def test_keys_are_fetched_once_and_reused(issuer: FakeIssuer) -> None:
    v = validator(issuer)
    for _ in range(5):
        assert (await v.validate(issuer.token())).subject == "acc-1"
    assert issuer.jwks_calls == 1


async def test_a_rotated_key_is_picked_up(issuer: FakeIssuer) -> None:
    v = validator(issuer, min_refresh_s=0)
    await v.validate(issuer.token())
    issuer.keys.append(RSAKey.generate_key(2048, parameters={"kid": "k2"}))
    assert (await v.validate(issuer.token())).subject == "acc-1"
    assert issuer.jwks_calls == 2


async def test_unknown_key_ids_do_not_hammer_the_issuer(issuer: FakeIssuer) -> None:
    v = validator(issuer, min_refresh_s=60)
    await v.validate(issuer.token())
    stranger = RSAKey.generate_key(2048, parameters={"kid": "evil"})
    for _ in range(5):
        with pytest.raises(InvalidToken):
            await v.validate(issuer.token(key=stranger))
    assert issuer.jwks_calls == 1


@pytest.mark.parametrize(
    ("claims", "reason"),
    [
        ({"aud": "other-api"}, "aud"),
        ({"exp": int(time.time()) - 3600}, "exp"),
        ({"iss": "http://evil.test/realms/tabel"}, "issuer"),
        ({"tabel_person_id": "not-a-uuid"}, "tabel claims"),
    ],
)
async def test_bad_claims_are_refused(
    issuer: FakeIssuer, claims: dict[str, Any], reason: str
) -> None:
    with pytest.raises(InvalidToken, match=reason):
        await validator(issuer).validate(issuer.token(**claims))


async def test_garbage_is_refused(issuer: FakeIssuer) -> None:
    for token in ["", "abc", "a.b.c", issuer.token()[:-5] + "AAAAA"]:
        with pytest.raises(InvalidToken):
            await validator(issuer).validate(token)


async def test_only_a_validated_token_is_known_without_a_check(issuer: FakeIssuer) -> None:
    v = validator(issuer)
    token, refused = issuer.token(), issuer.token(aud="other-api")
    assert v.cached(token) is None
    principal = await v.validate(token)
    assert v.cached(token) == principal
    with pytest.raises(InvalidToken):
        await v.validate(refused)
    assert v.cached(refused) is None

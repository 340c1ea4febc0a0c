"""Access-token validation for any OIDC issuer (the embedded provider or a Keycloak realm).

The signature is checked against the issuer's JWKS (found through its discovery
document, cached, refetched when a token names an unknown key, at most every
`min_refresh_s`), then the issuer, audience, expiry and not-before claims.
"""

from __future__ import annotations

import asyncio
import base64
import json
import time
from collections import OrderedDict
from dataclasses import dataclass
from typing import Any
from uuid import UUID

import httpx
from joserfc import jwt
from joserfc.errors import JoseError
from joserfc.jwk import KeySet

from tabel_platform.auth.principal import Principal

ALGORITHMS = ["RS256", "PS256", "ES256"]
# Claims Tabel puts in tokens (Keycloak maps them from user attributes, see deploy/keycloak).
PERSON_CLAIM = "tabel_person_id"
SCHOOLS_CLAIM = "tabel_school_ids"


class InvalidToken(Exception):
    """The token is not acceptable; `reason` is for logs, never for the caller."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass
class _IssuerKeys:
    jwks_uri: str
    keys: KeySet
    fetched_at: float
    kids: frozenset[str] = frozenset()


class TokenValidator:
    def __init__(
        self,
        *,
        issuers: list[str],
        audience: str,
        leeway_s: int = 30,
        jwks_ttl_s: float = 300.0,
        min_refresh_s: float = 10.0,
        cache_ttl_s: float = 60.0,
        cache_max_entries: int = 50_000,
        http: httpx.AsyncClient | None = None,
    ) -> None:
        self.issuers = [i.rstrip("/") for i in issuers]
        self.audience = audience
        self._leeway = leeway_s
        self._ttl = jwks_ttl_s
        self._min_refresh = min_refresh_s
        self._http = http or httpx.AsyncClient(timeout=5.0)
        self._keys: dict[str, _IssuerKeys] = {}
        self._locks: dict[str, asyncio.Lock] = {}
        # Validated tokens, so a client's repeated requests skip the signature check. An
        # entry lives until the token expires but at most `cache_ttl_s`, so a key withdrawn
        # from the JWKS stops being honoured soon after.
        self._cache: OrderedDict[str, tuple[float, Principal]] = OrderedDict()
        self._cache_ttl = cache_ttl_s
        self._cache_max = cache_max_entries

    def cached(self, token: str) -> Principal | None:
        """The principal of a token validated before and not expired since; None otherwise
        (nothing is checked here: `validate` does that)."""
        hit = self._cache.get(token)
        if hit is not None and hit[0] > time.time():
            self._cache.move_to_end(token)
            return hit[1]
        return None

    async def validate(self, token: str) -> Principal:
        if (principal := self.cached(token)) is not None:
            return principal
        principal = await self._validate(token)
        expires = min(float(principal.claims["exp"]), time.time() + self._cache_ttl)
        self._cache[token] = (expires, principal)
        if len(self._cache) > self._cache_max:
            self._cache.popitem(last=False)
        return principal

    async def _validate(self, token: str) -> Principal:
        issuer, kid = _peek(token)
        if issuer not in self.issuers:
            raise InvalidToken(f"issuer {issuer!r} is not trusted")
        keys = await self._keyset(issuer, kid)
        try:
            decoded = jwt.decode(token, keys, algorithms=ALGORITHMS)
        except (JoseError, ValueError) as exc:
            raise InvalidToken(f"bad signature or format: {exc}") from exc
        claims = decoded.claims
        registry = jwt.JWTClaimsRegistry(
            leeway=self._leeway,
            iss={"essential": True, "value": issuer},
            aud={"essential": True, "value": self.audience},
            exp={"essential": True},
            sub={"essential": True},
        )
        try:
            registry.validate(claims)
        except JoseError as exc:
            raise InvalidToken(f"claims rejected: {exc}") from exc
        return _principal(issuer, claims)

    async def _keyset(self, issuer: str, kid: str | None) -> KeySet:
        cached = self._keys.get(issuer)
        now = time.monotonic()
        fresh = cached is not None and now - cached.fetched_at < self._ttl
        if cached and fresh and (kid is None or kid in cached.kids):
            return cached.keys
        lock = self._locks.setdefault(issuer, asyncio.Lock())
        async with lock:
            cached = self._keys.get(issuer)
            recent = cached is not None and time.monotonic() - cached.fetched_at < self._min_refresh
            if cached and (recent or (kid is not None and kid in cached.kids and fresh)):
                return cached.keys
            try:
                self._keys[issuer] = await self._fetch(issuer, cached)
            except (httpx.HTTPError, ValueError, KeyError) as exc:
                if cached:  # the issuer is briefly unreachable: keep trusting known keys
                    return cached.keys
                raise InvalidToken(f"cannot fetch keys of {issuer}: {exc}") from exc
            return self._keys[issuer].keys

    async def _fetch(self, issuer: str, cached: _IssuerKeys | None) -> _IssuerKeys:
        jwks_uri = cached.jwks_uri if cached else None
        if jwks_uri is None:
            discovery = await self._http.get(f"{issuer}/.well-known/openid-configuration")
            discovery.raise_for_status()
            jwks_uri = str(discovery.json()["jwks_uri"])
        response = await self._http.get(jwks_uri)
        response.raise_for_status()
        keys = KeySet.import_key_set(response.json())
        kids = frozenset(str(k.kid) for k in keys.keys if k.kid)
        return _IssuerKeys(jwks_uri, keys, time.monotonic(), kids)

    async def aclose(self) -> None:
        await self._http.aclose()


def _peek(token: str) -> tuple[str, str | None]:
    """Issuer and key id, read before verification only to pick the keys to verify with."""
    try:
        header_b64, payload_b64, _ = token.split(".")
        header = json.loads(base64.urlsafe_b64decode(header_b64 + "=" * (-len(header_b64) % 4)))
        payload = json.loads(base64.urlsafe_b64decode(payload_b64 + "=" * (-len(payload_b64) % 4)))
        return str(payload["iss"]).rstrip("/"), header.get("kid")
    except (ValueError, KeyError, TypeError) as exc:
        raise InvalidToken("malformed token") from exc


def _principal(issuer: str, claims: dict[str, Any]) -> Principal:
    person = claims.get(PERSON_CLAIM)
    schools = claims.get(SCHOOLS_CLAIM) or []
    roles = (claims.get("realm_access") or {}).get("roles") or claims.get("roles") or []
    try:
        person_id = UUID(str(person)) if person else None
        school_ids = frozenset(UUID(str(s)) for s in schools)
    except ValueError as exc:
        raise InvalidToken("malformed tabel claims") from exc
    return Principal(
        subject=str(claims["sub"]),
        issuer=issuer,
        client_id=str(claims.get("azp") or claims.get("client_id") or ""),
        person_id=person_id,
        school_ids=school_ids,
        roles=frozenset(str(r) for r in roles),
        scopes=frozenset(str(claims.get("scope") or "").split()),
        claims=claims,
    )

"""RSA signing keys as JWKs (joserfc), and signing JWTs with them."""

from __future__ import annotations

import threading
from typing import Any

from joserfc import jwt
from joserfc.jwk import KeySet, RSAKey

from tabel_identity.domain.keys import SigningKey, public_jwk

ALGORITHM = "RS256"


def make_rsa_key() -> tuple[str, dict[str, Any]]:
    """A new 2048-bit RSA key; its kid is its RFC 7638 thumbprint."""
    key = RSAKey.generate_key(2048, private=True)
    return key.thumbprint(), dict(key.as_dict(private=True))


class KeyRing:
    """Parsed keys by kid: importing an RSA private key costs tens of milliseconds, and a
    key never changes under its kid. Used from the event loop and Authlib's worker threads."""

    def __init__(self) -> None:
        self._private: dict[str, RSAKey] = {}
        self._lock = threading.Lock()

    def private(self, key: SigningKey) -> RSAKey:
        with self._lock:
            found = self._private.get(key.kid)
        if found is None:
            found = RSAKey.import_key(key.private_jwk)
            with self._lock:
                self._private[key.kid] = found
        return found

    def sign(self, key: SigningKey, claims: dict[str, Any]) -> str:
        header = {"alg": ALGORITHM, "typ": "JWT", "kid": key.kid}
        return jwt.encode(header, claims, self.private(key), algorithms=[ALGORITHM])


def public_key_set(keys: list[SigningKey]) -> KeySet:
    return KeySet.import_key_set({"keys": [public_jwk(k) for k in keys]})

"""Activation and invitation codes: high-entropy but typeable, stored only as a hash.

16 characters of Crockford's base32 (no I, L, O, U: nothing to confuse with 1, 0 or V)
carry 80 random bits, shown in groups of four: `7KQ2-M9XH-4TDW-R8EB`. Typing is forgiving:
case, spaces and dashes do not matter, and O, I, L are read as 0, 1, 1.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime
from uuid import UUID

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
LENGTH = 16  # 16 x 5 bits = 80 bits
GROUP = 4
_READ_AS = str.maketrans({"O": "0", "I": "1", "L": "1"})


def new_code() -> str:
    raw = "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))
    return "-".join(raw[i : i + GROUP] for i in range(0, LENGTH, GROUP))


def normalize(typed: str) -> str | None:
    """The code as stored (no separators, upper case), or None if it cannot be one."""
    cleaned = "".join(typed.split()).replace("-", "").upper().translate(_READ_AS)
    if len(cleaned) != LENGTH or any(c not in ALPHABET for c in cleaned):
        return None
    return cleaned


def code_hash(normalized: str) -> str:
    # 80 random bits need no slow hash: guessing is bounded by the throttle, not the hash.
    return hashlib.sha256(f"tabel-code:{normalized}".encode()).hexdigest()


@dataclass(frozen=True)
class CodeState:
    id: UUID
    school_id: UUID
    expires_at: datetime
    revoked_at: datetime | None
    used_at: datetime | None

    def refusal(self, now: datetime) -> str | None:
        """Why the code cannot be used now, or None."""
        if self.used_at is not None:
            return "code_used"
        if self.revoked_at is not None:
            return "code_revoked"
        if self.expires_at <= now:
            return "code_expired"
        return None

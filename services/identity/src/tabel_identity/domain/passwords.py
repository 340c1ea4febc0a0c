"""Password rules: what a new password must be, and temporary passwords that meet them."""

from __future__ import annotations

import secrets
import string
from dataclasses import dataclass

# A few passwords people try first; a real deployment's Keycloak has its own blacklist.
COMMON_PASSWORDS = frozenset(
    {"password", "password1", "12345678", "123456789", "1234567890", "qwerty123", "qwertyui",
     "11111111", "iloveyou", "1q2w3e4r", "1q2w3e4r5t", "йцукенгш", "пароль123", "abc12345"}
)  # fmt: skip


@dataclass(frozen=True)
class PasswordPolicy:
    min_length: int = 8
    max_length: int = 128

    def violations(self, password: str, *, username: str) -> list[str]:
        """Machine codes of the rules `password` breaks (empty: acceptable)."""
        found = []
        if len(password) < self.min_length:
            found.append("too_short")
        if len(password) > self.max_length:
            found.append("too_long")
        if not any(c.isalpha() for c in password):
            found.append("needs_letter")
        if not any(c.isdigit() for c in password):
            found.append("needs_digit")
        if username and username.casefold() in password.casefold():
            found.append("contains_username")
        if password.casefold() in COMMON_PASSWORDS:
            found.append("too_common")
        return found


def temporary_password(policy: PasswordPolicy, username: str, length: int = 12) -> str:
    """A random password an administrator hands over; it must be changed at first login."""
    alphabet = string.ascii_letters + string.digits
    while True:
        candidate = "".join(secrets.choice(alphabet) for _ in range(length))
        if not policy.violations(candidate, username=username):
            return candidate

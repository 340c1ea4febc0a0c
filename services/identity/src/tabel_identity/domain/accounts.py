"""An account: who logs in, with what password, for which person, schools and platform roles.

Lockout: after `max_failures` wrong passwords within `window` (counted from the first of
them), the account is locked for `lock_for`; a correct password while locked does not help.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from uuid import UUID

from tabel_identity.domain.errors import AccountLocked, InvalidCredentials, InvalidUsername

# Platform roles (region-wide); school roles are grants, decided by the owning services.
REGION_OPERATOR = "region_operator"
MUNICIPAL_ANALYST = "municipal_analyst"
SERVICE = "service"
PLATFORM_ROLES = frozenset({REGION_OPERATOR, MUNICIPAL_ANALYST, SERVICE})

_USERNAME = re.compile(r"^[\w.@+-]{3,64}$")


def normalize_username(username: str) -> str:
    """Usernames compare case-insensitively; they are stored as typed (trimmed)."""
    name = username.strip()
    if not _USERNAME.match(name):
        raise InvalidUsername(name)
    return name


@dataclass(frozen=True)
class LockoutPolicy:
    max_failures: int = 5
    window: timedelta = timedelta(minutes=15)
    lock_for: timedelta = timedelta(minutes=15)


@dataclass
class Account:
    id: UUID
    username: str
    password_hash: str | None
    created_at: datetime
    person_id: UUID | None = None
    school_ids: frozenset[UUID] = field(default_factory=frozenset)
    roles: frozenset[str] = field(default_factory=frozenset)
    must_change_password: bool = False
    failed_attempts: int = 0
    first_failed_at: datetime | None = None
    locked_until: datetime | None = None
    disabled: bool = False
    password_changed_at: datetime | None = None
    display_name: str = ""  # as the person gave it (the first administrator) or roster's
    email: str = ""

    def ensure_can_log_in(self, now: datetime) -> None:
        if self.disabled or self.password_hash is None:
            raise InvalidCredentials()
        if self.locked_until is not None and now < self.locked_until:
            raise AccountLocked(self.locked_until)

    def record_failed_password(self, now: datetime, policy: LockoutPolicy) -> None:
        window_over = self.first_failed_at is None or now - self.first_failed_at > policy.window
        if window_over:
            self.failed_attempts, self.first_failed_at = 0, now
        self.failed_attempts += 1
        if self.failed_attempts >= policy.max_failures:
            self.locked_until = now + policy.lock_for
            self.failed_attempts, self.first_failed_at = 0, None

    def record_login(self) -> None:
        self.failed_attempts, self.first_failed_at, self.locked_until = 0, None, None

    def set_password(self, password_hash: str, now: datetime, *, temporary: bool) -> None:
        """A new password; a temporary one (set by an administrator) must be changed at login."""
        self.password_hash = password_hash
        self.password_changed_at = now
        self.must_change_password = temporary
        self.record_login()

    def shares_school_with(self, school_ids: frozenset[UUID]) -> bool:
        return bool(self.school_ids & school_ids)

"""What can go wrong with accounts and logins, in domain terms (entrypoints map these)."""

from __future__ import annotations

from datetime import datetime


class IdentityError(Exception):
    code = "identity_error"


class InvalidCredentials(IdentityError):
    """Unknown user, wrong password or a disabled account: deliberately indistinguishable."""

    code = "invalid_credentials"


class AccountLocked(IdentityError):
    code = "account_locked"

    def __init__(self, until: datetime) -> None:
        super().__init__(f"locked until {until.isoformat()}")
        self.until = until


class WeakPassword(IdentityError):
    code = "weak_password"

    def __init__(self, violations: list[str]) -> None:
        super().__init__(", ".join(violations))
        self.violations = violations


class InvalidUsername(IdentityError):
    code = "invalid_username"


class UsernameTaken(IdentityError):
    code = "username_taken"


class AccountNotFound(IdentityError):
    code = "account_not_found"


class TicketExpired(IdentityError):
    """The password-change step of a login took too long or was already used."""

    code = "ticket_expired"


class NotAllowed(IdentityError):
    code = "not_allowed"

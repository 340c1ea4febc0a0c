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


class GrantExists(IdentityError):
    code = "grant_exists"


class GrantNotFound(IdentityError):
    code = "grant_not_found"


class UnknownPermission(IdentityError):
    code = "unknown_permission"

    def __init__(self, permissions: list[str]) -> None:
        super().__init__(", ".join(permissions))
        self.permissions = permissions


class InvalidGrant(IdentityError):
    """A role that cannot be granted this way, or a scope that does not fit the role."""

    code = "invalid_grant"


class SchoolNotKnown(IdentityError):
    code = "school_not_known"


class CodeRefused(IdentityError):
    """An activation or invitation code that cannot be used; `code` says why: code_invalid,
    code_used, code_revoked, code_expired, code_other_school, code_attempts_slowed,
    code_attempts_locked, school_already_active, host_unknown."""

    def __init__(self, reason: str, retry_after_s: int | None = None) -> None:
        super().__init__(reason)
        self.code = reason
        self.retry_after_s = retry_after_s


class PersonNotKnown(IdentityError):
    """Roster's person has not reached identity (yet), or belongs to another school."""

    code = "person_not_known"


class ClassNotKnown(IdentityError):
    code = "class_not_known"


class PersonHasAccount(IdentityError):
    """The person already has an account: they log in with it (an administrator can reset
    its password)."""

    code = "person_has_account"


class InvalidClientScope(IdentityError):
    """A scope a school cannot give its client (only OneRoster's rostering read scopes)."""

    code = "invalid_client_scope"

    def __init__(self, scopes: list[str]) -> None:
        super().__init__(", ".join(scopes))
        self.scopes = scopes


class ClientNotFound(IdentityError):
    """No such active client of the school (unknown, another school's, or revoked)."""

    code = "client_not_found"


class ClientsInKeycloak(IdentityError):
    """The region's logins are in Keycloak: its clients are registered there."""

    code = "clients_in_keycloak"

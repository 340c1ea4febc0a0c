"""Errors PostgreSQL raises for data a person sent, as the platform's 4xx errors.

Some input passes every validator yet cannot be stored: a NUL character in a text (PostgreSQL
text and jsonb cannot hold it). Mapping the database's refusal here, once, keeps such input
from becoming a 500 on every endpoint and gRPC method that stores text.
"""

from __future__ import annotations

from sqlalchemy.exc import DBAPIError

from tabel_platform.errors import InvalidInput, TabelError

# SQLSTATE: 22021 character_not_in_repertoire (a 0x00 byte in text), 22P05
# untranslatable_character (\u0000 in jsonb).
_CHARACTERS = frozenset({"22021", "22P05"})


def sqlstate(exc: DBAPIError) -> str | None:
    """The SQLSTATE of the driver's error (asyncpg's adapter and psycopg call it either)."""
    code = getattr(exc.orig, "sqlstate", None) or getattr(exc.orig, "pgcode", None)
    return str(code) if code else None


def user_error(exc: BaseException) -> TabelError | None:
    """The 4xx for a database error caused by the data sent, or None (a bug or an outage)."""
    if isinstance(exc, DBAPIError) and sqlstate(exc) in _CHARACTERS:
        return InvalidInput(
            "error.invalid_characters",
            code="invalid_characters",
            errors=[{"field": "", "code": "invalid_characters"}],
        )
    return None

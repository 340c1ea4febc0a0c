"""The database's refusal of data a person sent is a 4xx; any other database error is not."""

from __future__ import annotations

from sqlalchemy.exc import DBAPIError

from tabel_platform.db.data_errors import user_error


class _DriverError(Exception):
    def __init__(self, **codes: str) -> None:
        super().__init__("refused")
        for name, value in codes.items():
            setattr(self, name, value)


def _wrapped(orig: Exception) -> DBAPIError:
    return DBAPIError("INSERT ...", {}, orig)


def test_a_nul_character_is_invalid_input_whichever_driver_says_so() -> None:
    for orig in (_DriverError(sqlstate="22021"), _DriverError(pgcode="22P05")):
        mapped = user_error(_wrapped(orig))
        assert mapped is not None and mapped.http_status == 422
        assert mapped.code == "invalid_characters" and "NUL" in mapped.message


def test_other_database_errors_stay_errors() -> None:
    assert user_error(_wrapped(_DriverError(sqlstate="40001"))) is None
    assert user_error(_wrapped(_DriverError())) is None
    assert user_error(ValueError("22021")) is None

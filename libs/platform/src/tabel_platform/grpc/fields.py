"""Reading request fields in gRPC servicers: a malformed id or date is INVALID_ARGUMENT with
a machine code and the field's name (through ErrorMappingInterceptor), never a crash."""

from __future__ import annotations

from datetime import date
from uuid import UUID

from tabel.common.v1 import types_pb2
from tabel_platform.errors import InvalidInput


def uuid_field(value: str, field: str) -> UUID:
    try:
        return UUID(value)
    except ValueError as exc:
        raise InvalidInput("field.invalid", code="invalid_uuid", errors=[{"field": field}]) from exc


def optional_uuid(value: str, field: str) -> UUID | None:
    """An empty string means "not given"; anything else must be a UUID."""
    return uuid_field(value, field) if value else None


def date_field(value: types_pb2.Date, field: str) -> date:
    try:
        return date(value.year, value.month, value.day)
    except ValueError as exc:
        raise InvalidInput("field.invalid", code="invalid_date", errors=[{"field": field}]) from exc

"""What every reporting RPC does with its request: ids, dates, the caller and their school."""

from __future__ import annotations

from datetime import date
from uuid import UUID

from tabel.common.v1 import types_pb2
from tabel_platform.auth.principal import Principal, current_principal
from tabel_platform.errors import Forbidden, InvalidInput, Unauthenticated
from tabel_reporting.adapters.proto_values import date_or_none


def uuid_field(value: str, field: str) -> UUID:
    try:
        return UUID(value)
    except ValueError as exc:
        raise InvalidInput("field.invalid", code="invalid_uuid", errors=[{"field": field}]) from exc


def optional_uuid(value: str, field: str) -> UUID | None:
    return uuid_field(value, field) if value else None


def date_field(value: types_pb2.Date, field: str) -> date:
    found = date_or_none(value)
    if found is None:
        raise InvalidInput("field.invalid", code="invalid_date", errors=[{"field": field}])
    return found


def caller() -> Principal:
    principal = current_principal.get()
    if principal is None:
        raise Unauthenticated()
    return principal


def school_of(principal: Principal, school_id: str) -> UUID:
    """The request's school; a person may only name one of theirs (as REST's CurrentSchool)."""
    school = uuid_field(school_id, "school_id")
    if not principal.is_service and school not in principal.school_ids:
        raise Forbidden("error.school_mismatch", code="school_mismatch")
    return school

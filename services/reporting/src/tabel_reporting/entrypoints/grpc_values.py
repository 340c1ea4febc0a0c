"""What every reporting RPC does with its request: the caller and their school (ids and
dates: tabel_platform.grpc.fields, re-exported here)."""

from __future__ import annotations

from uuid import UUID

from tabel_platform.auth.principal import Principal, current_principal
from tabel_platform.errors import Forbidden, Unauthenticated
from tabel_platform.grpc.fields import date_field, optional_uuid, uuid_field


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


__all__ = ["caller", "date_field", "optional_uuid", "school_of", "uuid_field"]

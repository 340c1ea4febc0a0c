"""Turning proto values (ids as strings, `common.v1.Date`, timestamps) into column values."""

from __future__ import annotations

from datetime import UTC, date, datetime
from uuid import UUID

from google.protobuf.timestamp_pb2 import Timestamp

from tabel.common.v1 import types_pb2


def uuid_or_none(value: str) -> UUID | None:
    """An id field; empty (or not a UUID, from a buggy producer) reads as unknown."""
    if not value:
        return None
    try:
        return UUID(value)
    except ValueError:
        return None


def uuids(values: object) -> list[UUID]:
    return [u for u in (uuid_or_none(str(v)) for v in values) if u]  # type: ignore[attr-defined]


def date_or_none(value: types_pb2.Date) -> date | None:
    if not value.year:
        return None
    try:
        return date(value.year, value.month, value.day)
    except ValueError:
        return None


def time_or_none(value: Timestamp) -> datetime | None:
    if not value.seconds and not value.nanos:
        return None
    return value.ToDatetime(tzinfo=UTC)

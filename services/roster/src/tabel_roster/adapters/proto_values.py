"""Proto values of other services' events to Python values (an unset field is None)."""

from __future__ import annotations

from datetime import UTC, date, datetime
from uuid import UUID

from google.protobuf.timestamp_pb2 import Timestamp

from tabel.common.v1 import types_pb2


def uid(value: str) -> UUID | None:
    return UUID(value) if value else None


def day(value: types_pb2.Date) -> date | None:
    return date(value.year, value.month, value.day) if value.year else None


def moment(value: Timestamp) -> datetime | None:
    return value.ToDatetime(tzinfo=UTC) if value.seconds or value.nanos else None

"""Proto values to Python values, tolerant of unset fields (an empty id is None)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, date, datetime
from uuid import UUID

from google.protobuf.timestamp_pb2 import Timestamp

from tabel.common.v1 import types_pb2


def uid(value: str) -> UUID | None:
    return UUID(value) if value else None


def uids(values: Iterable[str]) -> list[UUID]:
    return [UUID(v) for v in values if v]


def day(value: types_pb2.Date) -> date | None:
    return date(value.year, value.month, value.day) if value.year else None


def to_date(value: date) -> types_pb2.Date:
    return types_pb2.Date(year=value.year, month=value.month, day=value.day)


def moment(value: Timestamp) -> datetime | None:
    return value.ToDatetime(tzinfo=UTC) if value.seconds or value.nanos else None


def to_ts(value: datetime) -> Timestamp:
    ts = Timestamp()
    ts.FromDatetime(value)
    return ts

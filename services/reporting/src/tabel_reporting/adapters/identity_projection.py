"""Identity's role grants: who is a director, a class teacher, a municipal analyst, where."""

from __future__ import annotations

from datetime import datetime
from uuid import UUID

from sqlalchemy.ext.asyncio import AsyncSession

from tabel.identity.v1 import grants_pb2
from tabel_reporting.adapters.proto_values import uuid_or_none
from tabel_reporting.adapters.upsert import upsert_newest


async def grant(
    session: AsyncSession, value: grants_pb2.Grant, at: datetime, *, revoked: bool
) -> None:
    await upsert_newest(
        session,
        "grants",
        ["grant_id"],
        {
            "grant_id": UUID(value.id),
            "subject": value.subject,
            "person_id": uuid_or_none(value.person_id),
            "school_id": uuid_or_none(value.school_id),
            "role": int(value.role),
            "scope_kind": int(value.scope.kind),
            "scope_id": uuid_or_none(value.scope.id),
            "revoked": revoked,
            "event_at": at,
        },
    )

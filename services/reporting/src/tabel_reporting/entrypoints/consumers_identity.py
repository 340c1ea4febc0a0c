"""Identity's grants: the access decisions reporting makes are based on them."""

from __future__ import annotations

from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from tabel.events.v1 import envelope_pb2 as env_pb
from tabel.identity.v1 import events_pb2 as ev
from tabel_platform.events.envelope import event_time
from tabel_reporting.adapters import identity_projection as ip


async def _added(s: AsyncSession, e: ev.GrantAdded, env: env_pb.Envelope) -> None:
    await ip.grant(s, e.grant, event_time(env), revoked=False)


async def _revoked(s: AsyncSession, e: ev.GrantRevoked, env: env_pb.Envelope) -> None:
    await ip.grant(s, e.grant, event_time(env), revoked=True)


HANDLERS: dict[type[Any], Any] = {ev.GrantAdded: _added, ev.GrantRevoked: _revoked}

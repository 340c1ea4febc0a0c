"""Identity's grants (the access decisions reporting makes are based on them) and logins
(counted in the monthly user activity, seed 004 3.2.1)."""

from __future__ import annotations

from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from tabel.events.v1 import envelope_pb2 as env_pb
from tabel.identity.v1 import events_pb2 as ev
from tabel_platform.events.envelope import event_time
from tabel_reporting.adapters import bookkeeping
from tabel_reporting.adapters import identity_projection as ip
from tabel_reporting.adapters.proto_values import uuid_or_none, uuids
from tabel_reporting.domain.activity_report import LOGIN


async def _added(s: AsyncSession, e: ev.GrantAdded, env: env_pb.Envelope) -> None:
    await ip.grant(s, e.grant, event_time(env), revoked=False)


async def _revoked(s: AsyncSession, e: ev.GrantRevoked, env: env_pb.Envelope) -> None:
    await ip.grant(s, e.grant, event_time(env), revoked=True)


async def _login(s: AsyncSession, e: ev.LoginSucceeded, env: env_pb.Envelope) -> None:
    """One login of a person in each of their schools; an account with no roster person is
    nobody a school report can name, so it is not counted."""
    person = uuid_or_none(e.person_id)
    if person is None:
        return
    only = uuid_or_none(env.school_id)  # the event's tenant, when it names one school
    for school in uuids(e.school_ids):
        if only is None or school == only:
            await bookkeeping.count_activity(
                s, school_id=school, person_id=person, action=LOGIN, at=event_time(env)
            )


HANDLERS: dict[type[Any], Any] = {
    ev.GrantAdded: _added,
    ev.GrantRevoked: _revoked,
    ev.LoginSucceeded: _login,
}

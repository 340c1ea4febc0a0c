"""Roster's events into the read models."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from sqlalchemy.ext.asyncio import AsyncSession

from tabel.events.v1 import envelope_pb2 as env_pb
from tabel.roster.v1 import events_pb2 as ev
from tabel_platform.events.envelope import event_time
from tabel_reporting.adapters import progress_cells as cells
from tabel_reporting.adapters import roster_projection as rp


async def _school(
    s: AsyncSession, e: ev.SchoolCreated | ev.SchoolUpdated, env: env_pb.Envelope
) -> None:
    await rp.school(s, e.school, event_time(env))


async def _municipality(s: AsyncSession, e: ev.MunicipalityCreated, env: env_pb.Envelope) -> None:
    await rp.municipality(s, e.municipality, event_time(env))


async def _person(
    s: AsyncSession, e: ev.PersonCreated | ev.PersonUpdated, env: env_pb.Envelope
) -> None:
    await rp.person(s, e.person, event_time(env))


async def _class(s: AsyncSession, e: ev.ClassCreated, env: env_pb.Envelope) -> None:
    await rp.school_class(s, e.school_class, event_time(env))
    # Memberships may have arrived first: their students' grade level is known now.
    school, class_id = UUID(e.school_class.school_id), UUID(e.school_class.id)
    await cells.refresh_students(s, school_id=school, students=await rp.members(s, class_id))


async def _class_teacher(s: AsyncSession, e: ev.ClassTeacherAssigned, env: env_pb.Envelope) -> None:
    await rp.class_teacher(s, e.class_id, e.teacher_id, event_time(env))


async def _membership(
    s: AsyncSession, e: ev.MembershipStarted | ev.MembershipEnded, env: env_pb.Envelope
) -> None:
    await rp.membership(s, e.membership, event_time(env))
    m = e.membership
    await cells.refresh_students(s, school_id=UUID(m.school_id), students=[UUID(m.person_id)])


HANDLERS: dict[type[Any], Any] = {
    ev.SchoolCreated: _school,
    ev.SchoolUpdated: _school,
    ev.MunicipalityCreated: _municipality,
    ev.PersonCreated: _person,
    ev.PersonUpdated: _person,
    ev.ClassCreated: _class,
    ev.ClassTeacherAssigned: _class_teacher,
    ev.MembershipStarted: _membership,
    ev.MembershipEnded: _membership,
}

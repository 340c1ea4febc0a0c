"""Roster's events as roster publishes them (envelope, JetStream, `Nats-Msg-Id`), for an
identity that consumes them in tests, and waiting until identity has taken them in."""

from __future__ import annotations

import uuid
from types import TracebackType
from typing import Self
from uuid import UUID

import nats
from google.protobuf.message import Message
from nats.aio.client import Client
from sqlalchemy import text

from tabel.common.v1 import types_pb2
from tabel.roster.v1 import classes_pb2, people_pb2, schools_pb2
from tabel.roster.v1 import events_pb2 as roster
from tabel_platform.events.envelope import Actor, make_envelope, subject_of
from tabel_platform.events.streams import ensure_stream
from tabel_platform.testing import ServiceHandle
from tabel_platform.waiting import eventually

MUNICIPALITY = uuid.UUID("00000000-0000-4000-8000-00000000aaaa")


class RosterFeed:
    def __init__(self, url: str, identity: ServiceHandle) -> None:
        self.url = url
        self.identity = identity
        self._nc: Client | None = None
        self.sent: list[str] = []

    async def __aenter__(self) -> Self:
        self._nc = await nats.connect(self.url)
        return self

    async def __aexit__(
        self, et: type[BaseException] | None, e: BaseException | None, tb: TracebackType | None
    ) -> None:
        if self._nc is not None:
            await self._nc.drain()

    async def publish(self, payload: Message, school_id: UUID) -> None:
        assert self._nc is not None
        env = make_envelope(
            subject_of(payload), payload, source="roster", school_id=school_id,
            actor=Actor.system(),
        )  # fmt: skip
        js = self._nc.jetstream()
        await ensure_stream(js, "roster")
        await js.publish(env.type, env.SerializeToString(), headers={"Nats-Msg-Id": env.id})
        self.sent.append(env.id)

    async def settled(self) -> None:
        """Waits until identity has taken in every event of this feed (its inbox)."""

        async def applied() -> int:
            async with self.identity.runtime.db.transaction(school_id=None, all_schools=True) as s:
                query = text("SELECT count(*) FROM inbox WHERE event_id::text = ANY(:ids)")
                return int((await s.execute(query, {"ids": self.sent})).scalar_one())

        await eventually(applied, lambda n: n >= len(self.sent), timeout=30)

    async def school(self, domain: str, *, municipality: UUID = MUNICIPALITY) -> UUID:
        school_id = uuid.uuid4()
        school = schools_pb2.School(
            id=str(school_id), municipality_id=str(municipality), name=f"Школа {domain}",
            short_name=domain.split(".")[0], domains=[domain], time_zone="Europe/Moscow",
        )  # fmt: skip
        await self.publish(roster.SchoolCreated(school=school), school_id)
        return school_id

    async def person(
        self, school_id: UUID, last: str, first: str, kind: people_pb2.PersonKind.ValueType
    ) -> UUID:
        person_id = uuid.uuid4()
        person = people_pb2.Person(
            id=str(person_id), school_id=str(school_id), kinds=[kind],
            name=types_pb2.PersonName(last_name=last, first_name=first, middle_name=""),
        )  # fmt: skip
        await self.publish(roster.PersonCreated(person=person), school_id)
        return person_id

    async def school_class(self, school_id: UUID, name: str) -> UUID:
        class_id = uuid.uuid4()
        k = classes_pb2.SchoolClass(id=str(class_id), school_id=str(school_id), name=name)
        await self.publish(roster.ClassCreated(school_class=k), school_id)
        return class_id

    async def member(self, school_id: UUID, person_id: UUID, class_id: UUID) -> None:
        m = classes_pb2.Membership(
            id=str(uuid.uuid4()), school_id=str(school_id), person_id=str(person_id),
            class_id=str(class_id),
        )  # fmt: skip
        await self.publish(roster.MembershipStarted(membership=m), school_id)

    async def guardian_of(self, school_id: UUID, guardian: UUID, student: UUID) -> None:
        g = people_pb2.Guardianship(
            id=str(uuid.uuid4()), school_id=str(school_id), guardian_id=str(guardian),
            student_id=str(student),
        )  # fmt: skip
        await self.publish(roster.GuardianshipAdded(guardianship=g), school_id)

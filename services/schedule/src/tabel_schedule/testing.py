"""Test support: a small school whose classes and students arrive as roster events over NATS;
everything else is set up through schedule's REST API as an administrator would."""

from __future__ import annotations

import asyncio
import contextlib
import time
import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from typing import Any
from uuid import UUID

import uvicorn
from google.protobuf.message import Message
from joserfc import jwt
from joserfc.jwk import RSAKey
from sqlalchemy import text
from starlette.applications import Starlette
from starlette.responses import JSONResponse
from starlette.routing import Route

from tabel.common.v1 import types_pb2
from tabel.roster.v1 import classes_pb2
from tabel.roster.v1 import events_pb2 as roster
from tabel_platform.events.envelope import Actor, make_envelope, subject_of
from tabel_platform.events.streams import ensure_stream
from tabel_platform.testing import free_port
from tabel_platform.waiting import eventually

AUDIENCE = "tabel-api"


class LocalIssuer:
    """Signs tokens the way the embedded provider does (same claims), verified via JWKS."""

    def __init__(self) -> None:
        self.key = RSAKey.generate_key(2048, parameters={"kid": "test-key", "use": "sig"})
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}/realms/test"

    def app(self) -> Starlette:
        async def discovery(_: Any) -> JSONResponse:
            return JSONResponse({"issuer": self.url, "jwks_uri": f"{self.url}/certs"})

        async def certs(_: Any) -> JSONResponse:
            return JSONResponse({"keys": [self.key.as_dict(private=False)]})

        return Starlette(
            routes=[
                Route("/realms/test/.well-known/openid-configuration", discovery),
                Route("/realms/test/certs", certs),
            ]
        )

    @contextlib.asynccontextmanager
    async def serving(self) -> AsyncIterator[LocalIssuer]:
        config = uvicorn.Config(self.app(), host="127.0.0.1", port=self.port, log_config=None)
        server = uvicorn.Server(config)
        task = asyncio.create_task(server.serve())
        while not server.started:  # noqa: ASYNC110 - uvicorn has no "started" event
            await asyncio.sleep(0.02)
        try:
            yield self
        finally:
            server.should_exit = True
            await task

    def token(self, *, person_id: uuid.UUID, school_id: uuid.UUID, roles: list[str]) -> str:
        now = int(time.time())
        claims = {
            "iss": self.url,
            "aud": AUDIENCE,
            "sub": str(person_id),
            "iat": now,
            "exp": now + 3600,
            "tabel_person_id": str(person_id),
            "tabel_school_ids": [str(school_id)],
            "realm_access": {"roles": roles},
        }
        return jwt.encode({"alg": "RS256", "kid": "test-key"}, claims, self.key)


YEAR = {
    "start_year": 2026,
    "starts_on": "2026-09-01",
    "ends_on": "2027-05-31",
    "term_systems": [
        {
            "kind": "quarter",
            "grade_levels": list(range(1, 10)),
            "terms": [
                {"starts_on": "2026-09-01", "ends_on": "2026-10-24"},
                {"starts_on": "2026-11-05", "ends_on": "2026-12-28"},
                {"starts_on": "2027-01-12", "ends_on": "2027-03-20"},
                {"starts_on": "2027-03-30", "ends_on": "2027-05-26"},
            ],
        },
        {
            "kind": "half_year",
            "grade_levels": [10, 11],
            "terms": [
                {"starts_on": "2026-09-01", "ends_on": "2026-12-28"},
                {"starts_on": "2027-01-12", "ends_on": "2027-05-26"},
            ],
        },
    ],
    "holidays": [
        {"name": "Осенние каникулы", "starts_on": "2026-10-25", "ends_on": "2026-11-04"},
        {"name": "День народного единства", "starts_on": "2026-11-04", "ends_on": "2026-11-04"},
        {"name": "Зимние каникулы", "starts_on": "2026-12-29", "ends_on": "2027-01-11"},
    ],
}
BELLS = [("08:30", "09:15"), ("09:25", "10:10"), ("10:30", "11:15"), ("11:35", "12:20")]


@dataclass
class School:
    id: UUID
    year_id: UUID = field(default_factory=uuid.uuid4)
    classes: dict[str, UUID] = field(default_factory=dict)
    groups: dict[str, UUID] = field(default_factory=dict)
    students: dict[str, UUID] = field(default_factory=dict)
    rooms: dict[str, UUID] = field(default_factory=dict)
    subjects: dict[str, UUID] = field(default_factory=dict)
    teachers: list[UUID] = field(default_factory=lambda: [uuid.uuid4() for _ in range(6)])


async def publish(runtime: Any, source: str, payload: Message, school_id: UUID) -> None:
    env = make_envelope(
        subject_of(payload), payload, source=source, school_id=school_id, actor=Actor.system()
    )
    await runtime.nats.wait_connected()
    js = runtime.nats.js
    await ensure_stream(js, source)
    await js.publish(env.type, env.SerializeToString(), headers={"Nats-Msg-Id": env.id})


async def scalar(runtime: Any, sql: str, **params: Any) -> Any:
    async with runtime.db.transaction(school_id=None, all_schools=True) as session:
        return (await session.execute(text(sql), params)).scalar_one()


async def roster_facts(runtime: Any, school: School) -> None:
    """5А, 5Б (grade 5) and 10А; 5А split in two English groups; students in classes and groups."""
    sid = str(school.id)
    for name, grade in (("5А", 5), ("5Б", 5), ("10А", 10)):
        school.classes[name] = cid = uuid.uuid4()
        sc = classes_pb2.SchoolClass(id=str(cid), school_id=sid, grade_level=grade, name=name)
        await publish(runtime, "roster", roster.ClassCreated(school_class=sc), school.id)
    for n in (1, 2):
        school.groups[f"5А/{n}"] = gid = uuid.uuid4()
        group = classes_pb2.StudyGroup(
            id=str(gid), school_id=sid, class_id=str(school.classes["5А"]), name=f"англ {n}"
        )
        await publish(runtime, "roster", roster.StudyGroupCreated(study_group=group), school.id)
    since = types_pb2.Date(year=2026, month=9, day=1)
    members: list[tuple[str, str, str | None]] = [
        ("anya", "5А", "5А/1"),
        ("boris", "5А", "5А/2"),
        ("vera", "5Б", None),
    ]
    for who, class_name, unit_group in members:
        school.students[who] = person = uuid.uuid4()
        units = [("class_id", school.classes[class_name])]
        if unit_group:
            units.append(("study_group_id", school.groups[unit_group]))
        for column, unit in units:
            m = classes_pb2.Membership(
                id=str(uuid.uuid4()), school_id=sid, person_id=str(person), starts_on=since
            )
            setattr(m, column, str(unit))
            await publish(runtime, "roster", roster.MembershipStarted(membership=m), school.id)
    await eventually(
        lambda: scalar(
            runtime, "SELECT count(*) FROM memberships WHERE school_id = :s", s=school.id
        ),
        lambda n: n == 5,
    )
    await eventually(
        lambda: scalar(
            runtime, "SELECT count(*) FROM study_groups WHERE school_id = :s", s=school.id
        ),
        lambda n: n == 2,
    )
    await eventually(
        lambda: scalar(runtime, "SELECT count(*) FROM classes WHERE school_id = :s", s=school.id),
        lambda n: n == 3,
    )


async def set_up(api: Any, runtime: Any) -> School:
    school = School(api.school_id)
    await roster_facts(runtime, school)
    year = await api.call("POST", "/v1/academic-years", json=YEAR, expect=201)
    school.year_id = UUID(year["id"])
    periods = [{"number": n, "starts": a, "ends": b} for n, (a, b) in enumerate(BELLS, start=1)]
    await api.call(
        "POST",
        "/v1/bell-schedules",
        json={"name": "1 смена", "shift": 1, "periods": periods},
        expect=201,
    )
    building = await api.call("POST", "/v1/buildings", json={"name": "Главное"}, expect=201)
    for name in ("101", "102", "201", "202"):
        room = await api.call(
            "POST", "/v1/rooms", json={"building_id": building["id"], "name": name}, expect=201
        )
        school.rooms[name] = UUID(room["id"])
    for name in ("Математика", "Английский язык", "Информатика", "Физика", "Физкультура"):
        subject = await api.call("POST", "/v1/subjects", json={"name": name}, expect=201)
        school.subjects[name] = UUID(subject["id"])
    return school


def entry(
    school: School,
    *,
    weekday: int,
    period: int,
    subject: str,
    teacher: int,
    classes: list[str],
    room: str | None = None,
    groups: list[str] | None = None,
    weeks: str = "every",
) -> dict[str, Any]:
    return {
        "weekday": weekday,
        "period": period,
        "weeks": weeks,
        "subject_id": str(school.subjects[subject]),
        "teacher_id": str(school.teachers[teacher]),
        "class_ids": [str(school.classes[c]) for c in classes],
        "study_group_ids": [str(school.groups[g]) for g in groups or []],
        "room_id": str(school.rooms[room]) if room else None,
    }


async def add_entries(api: Any, school: School, *entries: dict[str, Any], expect: int = 201) -> Any:
    body = {"academic_year_id": str(school.year_id), "entries": list(entries)}
    return await api.call("POST", "/v1/timetable/entries", json=body, expect=expect)


async def events(runtime: Any, school_id: UUID, message_type: type[Message]) -> list[Any]:
    """Payloads of one type schedule committed for a school, oldest first (from its outbox)."""
    from tabel.events.v1 import envelope_pb2

    subject = subject_of(message_type())
    async with runtime.db.transaction(school_id=None, all_schools=True) as session:
        rows = await session.execute(
            text(
                "SELECT envelope FROM outbox WHERE school_id = :s AND subject = :t "
                "ORDER BY created_at, id"
            ),
            {"s": school_id, "t": subject},
        )
        out = []
        for (raw,) in rows:
            env = envelope_pb2.Envelope.FromString(raw)
            payload = message_type()
            env.payload.Unpack(payload)
            out.append(payload)
        return out

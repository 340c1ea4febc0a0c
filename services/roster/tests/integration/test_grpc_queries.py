"""RosterService queries other services use (ListClasses, GetPerson, ListClassMembers), and
the events a projection is built from."""

from __future__ import annotations

from datetime import date
from typing import Any

import grpc
import pytest
from sqlalchemy import text

from tabel.common.v1 import types_pb2
from tabel.events.v1 import envelope_pb2
from tabel.roster.v1 import events_pb2
from tabel.roster.v1 import roster_service_pb2 as pb
from tabel.roster.v1 import roster_service_pb2_grpc as pb_grpc
from tabel_platform.demo import demo_id
from tabel_roster.demo import seed_demo
from tabel_roster.domain.classes import academic_year_of

SCHOOL = str(demo_id("school/1"))


async def test_queries_answer_a_service_and_refuse_outsiders(
    roster: Any, service_token: str, person_token: Any
) -> None:
    await seed_demo(roster.runtime)
    service = (("authorization", f"Bearer {service_token}"),)
    outsider = await person_token(["teacher"], [demo_id("school/2")])
    stranger = (
        (
            "authorization",
            f"Bearer {outsider}",
        ),
    )
    async with grpc.aio.insecure_channel(roster.grpc_target) as channel:
        stub = pb_grpc.RosterServiceStub(channel)
        page = await stub.ListClasses(
            pb.ListClassesRequest(school_id=SCHOOL, page_size=2), metadata=service
        )
        assert [c.name for c in page.classes] == ["5А", "5Б"] and page.next_page_token
        rest = await stub.ListClasses(
            pb.ListClassesRequest(school_id=SCHOOL, page_token=page.next_page_token),
            metadata=service,
        )
        assert [c.name for c in rest.classes] == ["10А"] and not rest.next_page_token
        today = date.today()
        members = await stub.ListClassMembers(
            pb.ListClassMembersRequest(
                school_id=SCHOOL,
                class_id=str(demo_id("school/1/class/10А")),
                on_date=types_pb2.Date(year=today.year, month=today.month, day=today.day),
            ),
            metadata=service,
        )
        assert len(members.members) == 25
        assert all(
            m.membership.class_id == str(demo_id("school/1/class/10А")) for m in members.members
        )
        person = await stub.GetPerson(
            pb.GetPersonRequest(
                school_id=SCHOOL, person_id=str(demo_id("school/1/person/teacher/1"))
            ),
            metadata=service,
        )
        assert person.person.name.last_name == "Кузнецова" and list(person.person.positions) == [
            "director",
            "teacher",
        ]
        with pytest.raises(grpc.aio.AioRpcError) as refused:
            await stub.ListClasses(pb.ListClassesRequest(school_id=SCHOOL), metadata=stranger)
        assert refused.value.code() == grpc.StatusCode.PERMISSION_DENIED
        with pytest.raises(grpc.aio.AioRpcError) as bad:
            await stub.GetPerson(
                pb.GetPersonRequest(school_id=SCHOOL, person_id="nope"), metadata=service
            )
        assert bad.value.code() == grpc.StatusCode.INVALID_ARGUMENT


async def test_events_carry_whole_records_but_no_documents(roster: Any) -> None:
    await seed_demo(roster.runtime)
    async with roster.runtime.db.transaction(school_id=None, all_schools=True) as s:
        rows = (await s.execute(text("SELECT subject, envelope FROM outbox"))).all()
    counts: dict[str, int] = {}
    for subject, _ in rows:
        counts[subject] = counts.get(subject, 0) + 1
    assert counts["tabel.roster.class.created.v1"] == 3
    assert counts["tabel.roster.class.teacher_assigned.v1"] == 3
    assert counts["tabel.roster.study_group.created.v1"] == 6  # English halves of 3 classes
    assert counts["tabel.roster.membership.started.v1"] == 75 + 75  # a class and a group each
    assert counts["tabel.roster.enrolment.moved.v1"] == 75
    assert (
        counts["tabel.roster.guardianship.added.v1"]
        == counts["tabel.roster.person.created.v1"] - 75 - 8
    )
    env = envelope_pb2.Envelope()
    env.ParseFromString(next(e for s_, e in rows if s_ == "tabel.roster.class.created.v1"))
    created = events_pb2.ClassCreated()
    env.payload.Unpack(created)
    assert created.school_class.academic_year_start == academic_year_of(date.today())
    assert env.school_id == SCHOOL

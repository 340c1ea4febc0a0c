"""gRPC JournalService with real tokens: the diary week and marks, allowed and refused."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

import grpc
import pytest

from tabel.common.v1 import types_pb2
from tabel.journal.v1 import journal_service_pb2 as pb
from tabel.journal.v1 import journal_service_pb2_grpc as pb_grpc

from .client import As, mark
from .world import build_school

TODAY = date.today()


@pytest.fixture
async def school(journal: Any, issuer: Any) -> tuple[Any, As, uuid.UUID]:
    w = await build_school(journal, TODAY)
    call = As(journal, issuer, w)
    lesson = await w.lesson("5А", w.math, "math_5a", TODAY)
    s1, s2 = w.person("s1"), w.person("s2")
    body = {
        "topic": "Дроби",
        "marks": [mark(s1, "5"), mark(s1, "4", "test"), mark(s2, "3")],
        "attendance": [{"student_id": str(s2), "status": "ill"}],
    }
    saved = await call("math_5a", "PUT", f"/v1/journal/lessons/{lesson}/journal", json=body)
    assert saved.status_code == 200
    return w, call, lesson


async def stub(journal: Any, issuer: Any, w: Any, who: str) -> Any:
    token = await issuer.token(w.person(who), [w.school])
    channel = grpc.aio.insecure_channel(journal.grpc_target)
    return channel, pb_grpc.JournalServiceStub(channel), (("authorization", f"Bearer {token}"),)


async def test_the_diary_week_for_a_guardian_and_not_for_another_family(
    school: Any, journal: Any, issuer: Any
) -> None:
    w, _, lesson = school
    d = types_pb2.Date(year=TODAY.year, month=TODAY.month, day=TODAY.day)
    request = pb.GetDiaryWeekRequest(
        school_id=str(w.school), student_id=str(w.person("s1")), date=d
    )
    channel, api, meta = await stub(journal, issuer, w, "parent1")
    async with channel:
        week = await api.GetDiaryWeek(request, metadata=meta)
    assert len(week.days) == 7
    lessons = [x for day in week.days for x in day.lessons]
    assert [x.lesson_id for x in lessons] == [str(lesson)]
    assert sorted(m.value for m in lessons[0].marks) == ["4", "5"] and lessons[0].topic == "Дроби"
    channel, api, meta = await stub(journal, issuer, w, "parent2")
    async with channel:
        with pytest.raises(grpc.aio.AioRpcError) as refused:
            await api.GetDiaryWeek(request, metadata=meta)
    assert refused.value.code() == grpc.StatusCode.PERMISSION_DENIED


async def test_list_marks_by_class_and_student_with_pages_and_refusals(
    school: Any, journal: Any, issuer: Any
) -> None:
    w, _, _ = school
    by_class = pb.ListMarksRequest(
        school_id=str(w.school), class_id=str(w.classes["5А"]), page_size=2
    )
    channel, api, meta = await stub(journal, issuer, w, "class_teacher_5a")
    async with channel:
        first = await api.ListMarks(by_class, metadata=meta)
        by_class.page_token = first.next_page_token
        second = await api.ListMarks(by_class, metadata=meta)
        with pytest.raises(grpc.aio.AioRpcError) as missing:
            await api.ListMarks(pb.ListMarksRequest(school_id=str(w.school)), metadata=meta)
    assert len(first.marks) == 2 and first.next_page_token
    assert len(second.marks) == 1 and not second.next_page_token
    assert missing.value.code() == grpc.StatusCode.INVALID_ARGUMENT

    mine = pb.ListMarksRequest(school_id=str(w.school), student_id=str(w.person("s1")))
    channel, api, meta = await stub(journal, issuer, w, "s1")
    async with channel:
        assert sorted(m.value for m in (await api.ListMarks(mine, metadata=meta)).marks) == [
            "4",
            "5",
        ]
    for who, request in (
        ("s2", mine),
        (
            "math_5b",
            pb.ListMarksRequest(
                school_id=str(w.school), class_id=str(w.classes["5А"]), subject_id=str(w.math)
            ),
        ),
        (
            "parent1",
            pb.ListMarksRequest(school_id=str(uuid.uuid4()), student_id=str(w.person("s1"))),
        ),
    ):
        channel, api, meta = await stub(journal, issuer, w, who)
        async with channel:
            with pytest.raises(grpc.aio.AioRpcError) as refused:
                await api.ListMarks(request, metadata=meta)
        assert refused.value.code() == grpc.StatusCode.PERMISSION_DENIED, who
    teacher = pb.ListMarksRequest(
        school_id=str(w.school), class_id=str(w.classes["5А"]), subject_id=str(w.math)
    )
    channel, api, meta = await stub(journal, issuer, w, "math_5a")
    async with channel:
        assert len((await api.ListMarks(teacher, metadata=meta)).marks) == 3

"""Input that passes the request's schema yet cannot be stored or counted is a 4xx naming the
problem, never a 500: a NUL character in a text, a superscript digit as a mark, a day far
outside the journal's years over gRPC."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

import grpc
import pytest

from tabel.common.v1 import types_pb2
from tabel.journal.v1 import journal_service_pb2 as pb

from .client import As, mark
from .test_grpc import stub
from .world import build_school

TODAY = date.today()


@pytest.fixture
async def school(journal: Any, issuer: Any) -> tuple[Any, As, uuid.UUID]:
    w = await build_school(journal, TODAY)
    return w, As(journal, issuer, w), await w.lesson("5А", w.math, "math_5a", TODAY)


async def test_a_nul_character_in_a_text_is_a_422_and_nothing_is_saved(school: Any) -> None:
    w, call, lesson = school
    url = f"/v1/journal/lessons/{lesson}/journal"
    body = {"topic": "Дроби\u0000", "marks": [mark(w.person("s1"), "5")]}
    refused = await call("math_5a", "PUT", url, json=body)
    assert refused.status_code == 422, refused.text
    assert refused.json()["code"] == "invalid_characters"
    assert "NUL" in refused.json()["detail"]
    homework = await call(
        "math_5a", "PUT", f"/v1/journal/lessons/{lesson}/homework/{uuid.uuid4()}",
        json={"text": "Задачи\u0000"},
    )  # fmt: skip
    assert homework.status_code == 422, homework.text
    page = (await call("math_5a", "GET", url)).json()
    assert page["marks"] == [] and page["record"] is None, "nothing of the refused save"
    other = await call("math_5b", "PUT", url, json={"topic": "Дроби"})
    assert other.status_code == 403, "and a teacher of another class is refused as ever"


@pytest.mark.parametrize("value", ["²", "٣", "５"])
async def test_a_mark_in_other_digits_is_out_of_scale(school: Any, value: str) -> None:
    w, call, lesson = school
    body = {"marks": [mark(w.person("s1"), value)]}
    refused = await call("math_5a", "PUT", f"/v1/journal/lessons/{lesson}/journal", json=body)
    assert refused.status_code == 422, refused.text
    assert refused.json()["errors"][0]["code"] == "value_out_of_scale"


@pytest.mark.parametrize("year", [1, 9999])
async def test_a_diary_week_far_outside_the_journals_years_over_grpc(
    school: Any, journal: Any, issuer: Any, year: int
) -> None:
    w, _, _ = school
    request = pb.GetDiaryWeekRequest(
        school_id=str(w.school),
        student_id=str(w.person("s1")),
        date=types_pb2.Date(year=year, month=12, day=31),
    )
    channel, api, meta = await stub(journal, issuer, w, "parent1")
    async with channel:
        with pytest.raises(grpc.aio.AioRpcError) as refused:
            await api.GetDiaryWeek(request, metadata=meta)
    assert refused.value.code() == grpc.StatusCode.INVALID_ARGUMENT

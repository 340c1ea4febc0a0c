"""The iCalendar feed reads back (with the `icalendar` parser) to the same lessons; access
rules refuse the wrong person; gRPC answers the journal's questions."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

import httpx
from icalendar import Calendar

from tabel.common.v1 import types_pb2
from tabel.schedule.v1 import calendar_pb2, schedule_service_pb2, schedule_service_pb2_grpc
from tabel_platform.grpc.client import create_channel
from tabel_schedule.testing import add_entries, entry, set_up


async def test_feed_reads_back_to_the_same_lessons_and_can_be_revoked(
    api: Any, service: Any
) -> None:
    school = await set_up(api, service.runtime)
    await add_entries(
        api,
        school,
        entry(
            school, weekday=1, period=1, subject="Математика", teacher=0, classes=["5А"], room="101"
        ),
        entry(
            school,
            weekday=4,
            period=3,
            subject="Физика",
            teacher=0,
            classes=["5Б"],
            room="102",
            weeks="B",
        ),
    )
    await api.call("POST", f"/v1/academic-years/{school.year_id}/materialise", json={})
    teacher = school.teachers[0]
    feed = await api.call(
        "POST", "/v1/calendar-feeds", json={}, roles=["teacher"], person_id=teacher, expect=201
    )
    url = feed["url"] + "?start=2026-11-01&end=2026-11-30"
    async with httpx.AsyncClient() as client:  # no token: the secret URL is the key
        response = await client.get(url)
    assert response.status_code == 200 and response.headers["content-type"].startswith(
        "text/calendar"
    )
    parsed = Calendar.from_ical(response.content)
    got = sorted(
        (str(e["uid"]).removesuffix("@tabel"), e.decoded("dtstart"), e.decoded("dtend"))
        for e in parsed.walk("VEVENT")
    )
    expected = []
    for day in ("2026-11-02", "2026-11-09", "2026-11-16", "2026-11-23", "2026-11-30"):
        week = await api.call("GET", f"/v1/weeks?date={day}&teacher_id={teacher}")
        expected += [
            (x["id"], x["starts_at"], x["ends_at"])
            for x in week["lessons"]
            if date(2026, 11, 1) <= date.fromisoformat(x["date"]) <= date(2026, 11, 30)
        ]
    assert [(u, s.isoformat()) for u, s, _ in got] == sorted(
        (i, s.replace("Z", "+00:00")) for i, s, _ in expected
    ) or len(got) == len(expected)
    assert len(got) == len(expected) >= 5
    assert {u for u, _, _ in got} == {i for i, _, _ in expected}
    summaries = {str(e["summary"]) for e in parsed.walk("VEVENT")}
    assert summaries == {"Математика", "Физика"}
    # The journal's gRPC view of the same teacher's November agrees, page by page.
    token = await api.service_token()
    async with create_channel(service.grpc_target) as channel:
        stub = schedule_service_pb2_grpc.ScheduleServiceStub(channel)
        ids: list[str] = []
        page = ""
        while True:
            answer = await stub.ListLessons(
                schedule_service_pb2.ListLessonsRequest(
                    school_id=str(school.id),
                    teacher_id=str(teacher),
                    page_size=2,
                    page_token=page,
                    dates=types_pb2.DateRange(
                        start=types_pb2.Date(year=2026, month=11, day=1),
                        end=types_pb2.Date(year=2026, month=11, day=30),
                    ),
                ),
                metadata=(("authorization", f"Bearer {token}"),),
            )
            ids += [x.id for x in answer.lessons]
            page = answer.next_page_token
            if not page:
                break
    assert sorted(ids) == sorted(u for u, _, _ in got)

    # Someone else's feed: refused; the owner's revocation: the URL stops answering.
    await api.call(
        "POST",
        "/v1/calendar-feeds",
        json={"person_id": str(teacher)},
        roles=["teacher"],
        expect=403,
    )
    await api.call("DELETE", f"/v1/calendar-feeds/{feed['id']}", roles=["teacher"], expect=403)
    await api.call(
        "DELETE",
        f"/v1/calendar-feeds/{feed['id']}",
        roles=["teacher"],
        person_id=teacher,
        expect=204,
    )
    async with httpx.AsyncClient() as client:
        gone = await client.get(url)
    assert gone.status_code == 404 and gone.json()["code"] == "feed_not_found"


async def test_who_may_see_what(api: Any, service: Any) -> None:
    school = await set_up(api, service.runtime)
    some_class = school.classes["5А"]
    anya = school.students["anya"]
    week = "/v1/weeks?date=2026-11-16"
    await api.call("GET", f"{week}&class_id={some_class}", roles=["guardian"])
    await api.call("GET", f"{week}&teacher_id={school.teachers[1]}", roles=["teacher"])
    await api.call("GET", f"{week}&teacher_id={school.teachers[1]}", roles=["student"], expect=403)
    await api.call("GET", f"{week}&room_id={school.rooms['101']}", roles=["student"], expect=403)
    await api.call("GET", f"{week}&class_id={some_class}", roles=[], expect=403)
    await api.call("GET", f"{week}&student_id={anya}", roles=["teacher"], expect=403)
    both = await api.call(
        "GET", f"{week}&class_id={some_class}&room_id={school.rooms['101']}", expect=422
    )
    assert both["code"] == "week_target"
    for path, body in (
        ("/v1/buildings", {"name": "Корпус 2"}),
        (
            "/v1/bell-schedules",
            {
                "name": "2",
                "shift": 2,
                "periods": [{"number": 1, "starts": "13:00", "ends": "13:45"}],
            },
        ),
        (
            "/v1/teaching-assignments",
            {
                "academic_year_id": str(school.year_id),
                "teacher_id": str(uuid.uuid4()),
                "subject_id": str(school.subjects["Физика"]),
                "class_id": str(some_class),
                "weekly_hours": 2,
            },
        ),
    ):
        await api.call("POST", path, json=body, roles=["teacher"], expect=403)
    async with httpx.AsyncClient(base_url=api.base) as client:
        assert (await client.get(f"{week}&class_id={some_class}")).status_code == 401
        # The provider's claims signed with a foreign key: refused like no token at all.
        forged = api.provider.forge_token({"tabel_school_ids": [str(school.id)]})
        answer = await client.get(
            f"{week}&class_id={some_class}",
            headers={"authorization": f"Bearer {forged}", "x-tabel-school": str(school.id)},
        )
        assert answer.status_code == 401 and answer.json()["code"] == "token_invalid"
        other_school = await api.headers(["administrator"]) | {"x-tabel-school": str(uuid.uuid4())}
        refused = await client.get(f"{week}&class_id={some_class}", headers=other_school)
        assert refused.status_code == 403


async def test_teaching_assignments_with_groups_and_grpc(api: Any, service: Any) -> None:
    school = await set_up(api, service.runtime)
    body = {
        "academic_year_id": str(school.year_id),
        "subject_id": str(school.subjects["Английский язык"]),
        "class_id": str(school.classes["5А"]),
        "weekly_hours": 3,
    }
    for n, group in enumerate(("5А/1", "5А/2")):
        await api.call(
            "POST",
            "/v1/teaching-assignments",
            expect=201,
            json=body
            | {"teacher_id": str(school.teachers[n]), "study_group_id": str(school.groups[group])},
        )
    again = await api.call(
        "POST",
        "/v1/teaching-assignments",
        expect=409,
        json=body
        | {"teacher_id": str(school.teachers[0]), "study_group_id": str(school.groups["5А/1"])},
    )
    assert again["code"] == "assignment_exists"
    wrong = await api.call(
        "POST",
        "/v1/teaching-assignments",
        expect=422,
        json=body
        | {
            "teacher_id": str(school.teachers[2]),
            "class_id": str(school.classes["5Б"]),
            "study_group_id": str(school.groups["5А/1"]),
        },
    )
    assert wrong["code"] == "study_group_unknown"
    listed = await api.call(
        "GET",
        f"/v1/teaching-assignments?academic_year_id={school.year_id}"
        f"&class_id={school.classes['5А']}",
    )
    assert len(listed) == 2
    await api.call("DELETE", f"/v1/teaching-assignments/{listed[0]['id']}", expect=204)

    # GetTerm: the same date is in a quarter for grade 5 and in a half-year for grade 10.
    token = await api.service_token()
    async with create_channel(service.grpc_target) as channel:
        stub = schedule_service_pb2_grpc.ScheduleServiceStub(channel)
        day = types_pb2.Date(year=2026, month=11, day=16)
        kinds = []
        for grade in (5, 10):
            answer = await stub.GetTerm(
                schedule_service_pb2.GetTermRequest(
                    school_id=str(school.id), grade_level=grade, date=day
                ),
                metadata=(("authorization", f"Bearer {token}"),),
            )
            kinds.append((answer.term.kind, answer.term.number))
    assert kinds == [(calendar_pb2.TERM_KIND_QUARTER, 2), (calendar_pb2.TERM_KIND_HALF_YEAR, 1)]

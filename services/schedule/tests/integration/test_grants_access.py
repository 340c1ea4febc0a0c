"""Access comes from identity's grants (GrantAdded / GrantRevoked over NATS), not from roles
written into the token; gRPC checks the calling principal the same way."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

import grpc
import pytest
from google.protobuf.timestamp_pb2 import Timestamp

from tabel.common.v1 import types_pb2
from tabel.identity.v1 import events_pb2 as identity
from tabel.identity.v1 import grants_pb2
from tabel.schedule.v1 import schedule_service_pb2 as pb
from tabel.schedule.v1 import schedule_service_pb2_grpc as pb_grpc
from tabel_platform.grpc.client import create_channel
from tabel_platform.waiting import eventually
from tabel_schedule.testing import publish, scalar, set_up


def _headers(api: Any, token: str) -> dict[str, str]:
    return {"authorization": f"Bearer {token}", "x-tabel-school": str(api.school_id)}


async def _status(api: Any, token: str, method: str, path: str, **kwargs: Any) -> int:
    response = await api.http.request(method, path, headers=_headers(api, token), **kwargs)
    return response.status_code


async def test_school_roles_in_the_token_give_nothing_grants_do(api: Any, service: Any) -> None:
    await set_up(api, service.runtime)
    person = uuid.uuid4()
    account, token = await api.login(person, token_roles=["administrator", "deputy_director"])
    building = {"json": {"name": "Корпус Б"}}
    assert await _status(api, token, "POST", "/v1/buildings", **building) == 403
    assert await _status(api, token, "GET", "/v1/bell-schedules") == 403

    granted = await api.grant(account, person, "deputy_director")
    assert await _status(api, token, "POST", "/v1/buildings", **building) == 201

    # Identity revokes the grant: the right goes with it.
    message = grants_pb2.Grant(
        id=str(granted.id), school_id=str(api.school_id), person_id=str(person),
        account_id=str(account), role=grants_pb2.ROLE_DEPUTY_DIRECTOR,
    )  # fmt: skip
    revoked = identity.GrantRevoked(grant=message, reason="переведён в другую школу")
    await publish(service.runtime, "identity", revoked, api.school_id)
    sql = "SELECT count(*) FROM grants WHERE person_id = :p"
    await eventually(lambda: scalar(service.runtime, sql, p=person), lambda n: n == 0)
    assert await _status(api, token, "POST", "/v1/buildings", **building) == 403


async def test_an_expired_grant_gives_nothing(api: Any, service: Any) -> None:
    await set_up(api, service.runtime)
    person = uuid.uuid4()
    _, token = await api.login(person)
    expired = Timestamp()
    expired.FromDatetime(datetime.now(UTC) - timedelta(days=1))
    grant = grants_pb2.Grant(
        id=str(uuid.uuid4()), school_id=str(api.school_id), person_id=str(person),
        role=grants_pb2.ROLE_ADMINISTRATOR, expires_at=expired,
    )  # fmt: skip
    await publish(service.runtime, "identity", identity.GrantAdded(grant=grant), api.school_id)
    sql = "SELECT count(*) FROM grants WHERE person_id = :p"
    await eventually(lambda: scalar(service.runtime, sql, p=person), lambda n: n == 1)
    assert await _status(api, token, "GET", "/v1/bell-schedules") == 403


async def test_management_closes_terms_only_schedulers_compose(api: Any, service: Any) -> None:
    await set_up(api, service.runtime)
    director = uuid.uuid4()
    years = await api.call("GET", "/v1/academic-years", roles=["director"], person_id=director)
    term = years[0]["terms"][0]["id"]
    await api.call("POST", "/v1/buildings", json={"name": "Корпус В"}, roles=["director"],
                   person_id=director, expect=403)  # fmt: skip
    for role in ("teacher", "student", "guardian"):
        refused = await api.call("POST", f"/v1/terms/{term}/close", roles=[role], expect=403)
        assert "администрация" in refused["detail"]
    closed = await api.call(
        "POST", f"/v1/terms/{term}/close", roles=["director"], person_id=director
    )
    assert closed["closed"] is True


async def test_grpc_checks_the_calling_principal(api: Any, service: Any) -> None:
    school = await set_up(api, service.runtime)
    teacher = school.teachers[0]
    dates = types_pb2.DateRange(
        start=types_pb2.Date(year=2026, month=11, day=1),
        end=types_pb2.Date(year=2026, month=11, day=30),
    )
    by_teacher = pb.ListLessonsRequest(school_id=str(school.id), teacher_id=str(teacher),
                                       dates=dates)  # fmt: skip
    term = pb.GetTermRequest(
        school_id=str(school.id), grade_level=5, date=types_pb2.Date(year=2026, month=11, day=16)
    )
    stranger = (await api.login(uuid.uuid4()))[1]
    student = await api.token(["student"], school.students["anya"])
    colleague = await api.token(["teacher"])
    service_account = await api.service_token()
    async with create_channel(service.grpc_target) as channel:
        stub = pb_grpc.ScheduleServiceStub(channel)

        async def call(method: Any, request: Any, token: str) -> Any:
            return await method(request, metadata=(("authorization", f"Bearer {token}"),))

        for token, method, request in (
            (stranger, stub.GetTerm, term),
            (stranger, stub.ListLessons, by_teacher),
            (student, stub.ListLessons, by_teacher),
        ):
            with pytest.raises(grpc.aio.AioRpcError) as refused:
                await call(method, request, token)
            assert refused.value.code() == grpc.StatusCode.PERMISSION_DENIED
        assert (await call(stub.GetTerm, term, student)).term.number == 2
        assert (await call(stub.ListLessons, by_teacher, colleague)).lessons == []
        assert (await call(stub.GetTerm, term, service_account)).term.number == 2

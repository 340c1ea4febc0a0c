"""Who may read which report, with real tokens from the embedded OIDC provider and grants
arriving as identity's events: the wrong person is refused every time."""

from __future__ import annotations

import uuid
from typing import Any

import grpc
import httpx
import pytest
from pytest import approx

from tabel.identity.v1 import events_pb2 as identity_events
from tabel.identity.v1 import grants_pb2
from tabel.reporting.v1 import reporting_service_pb2 as pb
from tabel.reporting.v1 import reporting_service_pb2_grpc as pb_grpc
from tabel_platform.testing import ServiceHandle
from tabel_reporting.testing import EventPublisher, wait_applied
from tabel_reporting.testing_class import HandComputedClass


def grant(subject: str, role: int, *, school: uuid.UUID | None = None, scope: Any = None) -> Any:
    return identity_events.GrantAdded(
        grant=grants_pb2.Grant(
            id=str(uuid.uuid4()),
            subject=subject,
            role=role,
            school_id=str(school) if school else "",
            scope=scope,
        )
    )


async def test_class_report_for_its_class_teacher_and_management_only(
    reporting: ServiceHandle, publisher: EventPublisher, login: Any
) -> None:
    world = HandComputedClass()
    other = HandComputedClass(school_id=world.school_id)  # another class of the same school
    total = await world.publish(publisher) + await other.publish(publisher)
    schools = [world.school_id]
    class_teacher, _ = await login(person_id=world.class_teacher_id, school_ids=schools)
    other_teacher, _ = await login(person_id=other.class_teacher_id, school_ids=schools)
    director, director_sub = await login(person_id=uuid.uuid4(), school_ids=schools)
    elsewhere = uuid.uuid4()  # a director there, and only a member here
    stranger_director, stranger_sub = await login(
        person_id=uuid.uuid4(), school_ids=[world.school_id, elsewhere]
    )
    analyst, analyst_sub = await login(roles=["municipal_analyst"])
    await publisher.publish(
        grant(director_sub, grants_pb2.ROLE_DIRECTOR, school=world.school_id), school_id=None
    )
    await publisher.publish(
        grant(stranger_sub, grants_pb2.ROLE_DIRECTOR, school=elsewhere), school_id=None
    )
    await publisher.publish(
        grant(
            analyst_sub,
            grants_pb2.ROLE_MUNICIPAL_ANALYST,
            scope=grants_pb2.Scope(kind=grants_pb2.SCOPE_KIND_REGION),
        ),
        school_id=None,
    )
    await wait_applied(reporting, total + 3)

    url = f"/v1/reporting/classes/{world.class_id}/progress"
    params = {"term_id": str(world.term_id)}

    async def status(token: str, fmt: str = "json") -> int:
        async with httpx.AsyncClient(base_url=reporting.http_url) as client:
            response = await client.get(
                url,
                params={**params, "format": fmt},
                headers={
                    "Authorization": f"Bearer {token}",
                    "X-Tabel-School": str(world.school_id),
                },
            )
        if response.status_code >= 400:
            body = response.json()
            assert body["code"] and body["title"], "problem+json with a machine code"
        return response.status_code

    assert await status(class_teacher) == 200
    assert await status(class_teacher, "pdf") == 200
    assert await status(director, "xlsx") == 200
    assert await status(other_teacher) == 403, "another class's teacher"
    assert await status(analyst) == 403, "an analyst never sees a class list"
    assert await status(stranger_director) == 403, "a director of another school"
    assert await status("not-a-token") == 401


async def test_bad_input_is_a_clear_4xx(reporting: ServiceHandle, login: Any) -> None:
    school = uuid.uuid4()
    token, _ = await login(person_id=uuid.uuid4(), school_ids=[school])
    headers = {"Authorization": f"Bearer {token}", "X-Tabel-School": str(school)}
    async with httpx.AsyncClient(base_url=reporting.http_url, headers=headers) as client:
        no_term = await client.get(f"/v1/reporting/classes/{uuid.uuid4()}/progress")
        bad_format = await client.get(
            f"/v1/reporting/classes/{uuid.uuid4()}/progress",
            params={"term_id": str(uuid.uuid4()), "format": "doc"},
        )
        unknown = await client.get(
            f"/v1/reporting/classes/{uuid.uuid4()}/progress",
            params={"term_id": str(uuid.uuid4())},
        )
        bad_group = await client.get(
            "/v1/reporting/analytics/progress", params={"group_by": "student"}
        )
    assert no_term.status_code == 422 and bad_format.status_code == 422
    assert unknown.status_code == 404 and unknown.json()["code"] == "class_not_found"
    assert bad_group.status_code in (403, 422)


async def test_grpc_class_progress_and_dashboard_refuse_the_wrong_person(
    reporting: ServiceHandle, publisher: EventPublisher, login: Any
) -> None:
    world = HandComputedClass()
    total = await world.publish(publisher)
    schools = [world.school_id]
    class_teacher, _ = await login(person_id=world.class_teacher_id, school_ids=schools)
    teacher, _ = await login(person_id=world.teacher_id, school_ids=schools)
    analyst, analyst_sub = await login(roles=["municipal_analyst"])
    scope = grants_pb2.Scope(kind=grants_pb2.SCOPE_KIND_MUNICIPALITY, id=str(world.municipality_id))
    await publisher.publish(
        grant(analyst_sub, grants_pb2.ROLE_MUNICIPAL_ANALYST, scope=scope), school_id=None
    )
    await wait_applied(reporting, total + 1)

    channel = grpc.aio.insecure_channel(reporting.grpc_target)
    stub = pb_grpc.ReportingServiceStub(channel)
    request = pb.ClassProgressRequest(
        school_id=str(world.school_id), class_id=str(world.class_id), term_id=str(world.term_id)
    )
    try:
        answer = await stub.ClassProgress(request, metadata=_bearer(class_teacher))
        assert [s.subject_name for s in answer.subjects] == ["Математика", "Русский язык"]
        assert answer.total.degree_of_learning == approx(739 / 1300)
        assert answer.students[0].name.last_name == "Алексеева" and answer.formulas
        for token in (teacher, analyst):
            with pytest.raises(grpc.aio.AioRpcError) as refused:
                await stub.ClassProgress(request, metadata=_bearer(token))
            assert refused.value.code() == grpc.StatusCode.PERMISSION_DENIED

        dashboard = await stub.MunicipalDashboard(
            pb.MunicipalDashboardRequest(municipality_id=str(world.municipality_id)),
            metadata=_bearer(analyst),
        )
        assert dashboard.total.pass_rate == approx(10 / 13)
        assert [s.school_name for s in dashboard.schools] == ["Школа № 7"]
        assert "Алексеева" not in str(dashboard)
        with pytest.raises(grpc.aio.AioRpcError) as refused:
            await stub.MunicipalDashboard(
                pb.MunicipalDashboardRequest(municipality_id=str(uuid.uuid4())),
                metadata=_bearer(analyst),
            )
        assert refused.value.code() == grpc.StatusCode.PERMISSION_DENIED
        with pytest.raises(grpc.aio.AioRpcError) as refused:
            await stub.MunicipalDashboard(
                pb.MunicipalDashboardRequest(municipality_id=str(world.municipality_id)),
                metadata=_bearer(class_teacher),
            )
        assert refused.value.code() == grpc.StatusCode.PERMISSION_DENIED
    finally:
        await channel.close()


def _bearer(token: str) -> tuple[tuple[str, str], ...]:
    return (("authorization", f"Bearer {token}"),)

"""Cross-school analytics for municipal analysts: the figures aggregate the hand-computed
class, a school with three students is suppressed, no answer carries a name or a person's
id, and an analyst sees only their own municipality."""

from __future__ import annotations

import uuid
from typing import Any

import httpx
from pytest import approx

from tabel.identity.v1 import events_pb2 as identity_events
from tabel.identity.v1 import grants_pb2
from tabel_platform.testing import ServiceHandle
from tabel_reporting.testing import EventPublisher, wait_applied
from tabel_reporting.testing_class import NAMES, HandComputedClass


def analyst_grant(subject: str, municipality: uuid.UUID) -> Any:
    return identity_events.GrantAdded(
        grant=grants_pb2.Grant(
            id=str(uuid.uuid4()),
            subject=subject,
            role=grants_pb2.ROLE_MUNICIPAL_ANALYST,
            scope=grants_pb2.Scope(kind=grants_pb2.SCOPE_KIND_MUNICIPALITY, id=str(municipality)),
        )
    )


async def test_analyst_gets_aggregates_of_their_municipality_only(
    reporting: ServiceHandle, publisher: EventPublisher, login: Any
) -> None:
    municipality, elsewhere = uuid.uuid4(), uuid.uuid4()
    big = HandComputedClass(municipality_id=municipality)
    small = HandComputedClass(municipality_id=municipality, size=3)
    foreign = HandComputedClass(municipality_id=elsewhere)
    total = sum([await w.publish(publisher) for w in (big, small, foreign)])
    analyst, subject = await login(roles=["municipal_analyst"])
    not_analyst, teacher_subject = await login(person_id=uuid.uuid4())
    await publisher.publish(analyst_grant(subject, municipality), school_id=None)
    await publisher.publish(analyst_grant(teacher_subject, municipality), school_id=None)
    await wait_applied(reporting, total + 2)

    async def get(token: str, path: str, **params: Any) -> httpx.Response:
        async with httpx.AsyncClient(base_url=reporting.http_url) as client:
            return await client.get(
                f"/v1/reporting/analytics/{path}",
                params=params,
                headers={"Authorization": f"Bearer {token}"},
            )

    by_school = await get(analyst, "progress", group_by="school", municipality_id=str(municipality))
    assert by_school.status_code == 200, by_school.text
    body = by_school.json()
    schools = {g["keys"]["school_id"]: g for g in body["groups"]}
    assert set(schools) == {str(big.school_id), str(small.school_id)}
    assert schools[str(small.school_id)] == {
        "keys": {"school_id": str(small.school_id), "school_name": "Школа № 7"},
        "suppressed": True,
        "rates": None,
        "change_degree_of_learning": None,
        "change_quality_rate": None,
    }
    # The big class's 13 counted results: 5:4 4:3 3:3 2:2 н/а:1 (see test_class_progress).
    rates = schools[str(big.school_id)]["rates"]
    assert rates["students"] == 13
    assert rates["pass_rate"] == approx(10 / 13)
    assert rates["quality_rate"] == approx(7 / 13)
    assert rates["degree_of_learning"] == approx(739 / 1300)
    assert rates["average_mark"] == approx(77 / 21)

    answers = [by_school]
    for path, params in [
        ("progress", {"group_by": ["grade_level", "subject"]}),
        ("progress", {"group_by": ["term"]}),
        ("trends", {"series": ["school"]}),
        ("schools", {}),
        ("schools", {"format": "csv"}),
        ("progress", {"group_by": ["school"], "format": "pdf"}),
    ]:
        answer = await get(analyst, path, municipality_id=str(municipality), **params)
        assert answer.status_code == 200, answer.text
        answers.append(answer)
    person_ids = [
        str(p) for w in (big, small) for p in (*w.students, w.class_teacher_id, w.teacher_id)
    ]
    for answer in answers:
        content = answer.text if not answer.content.startswith(b"%PDF") else ""
        for last, first, _ in NAMES:
            assert last not in content and first not in content
        for pid in person_ids:
            assert pid not in content
        if answer.headers["content-type"].startswith("application/json"):
            for group in [answer.json()["total"], *answer.json()["groups"]]:
                assert group["suppressed"] or group["rates"]["students"] >= 5
    trends = answers[3].json()["groups"]
    assert [g["keys"]["term_number"] for g in trends if not g["suppressed"]] == [1]

    refused = [
        await get(analyst, "progress", group_by="school", municipality_id=str(elsewhere)),
        await get(not_analyst, "progress", group_by="school", municipality_id=str(municipality)),
        await get(analyst, "progress", group_by="student"),
    ]
    assert [r.status_code for r in refused] == [403, 403, 422]
    assert refused[0].json()["code"] == "not_your_municipality"
    assert refused[1].json()["code"] == "analyst_only"

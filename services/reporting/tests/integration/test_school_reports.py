"""The school's reports over the hand-computed class: figures worked out by hand, the PDF
says the same, and everyone but the class teacher and management is refused."""

from __future__ import annotations

import io
import uuid
from datetime import UTC, datetime
from typing import Any

import httpx
import pytest
from pypdf import PdfReader

from tabel.identity.v1 import events_pb2 as identity_events
from tabel.identity.v1 import grants_pb2
from tabel.journal.v1 import events_pb2 as journal
from tabel.journal.v1 import homework_pb2, lessons_pb2, marks_pb2
from tabel.roster.v1 import events_pb2 as roster
from tabel_platform.testing import ServiceHandle
from tabel_reporting.testing import EventPublisher, pb_date, wait_applied
from tabel_reporting.testing_class import HandComputedClass, _person


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


def extra_events(w: HandComputedClass) -> list[Any]:
    sid, math0 = str(w.school_id), str(w.lessons["math"][0])
    day = pb_date(w.lesson_date("math", 0))
    return [
        roster.PersonCreated(person=_person(w.teacher_id, sid, "Смирнов", "Олег", "Ильич", False)),
        journal.LessonRecordUpdated(
            record=lessons_pb2.LessonRecord(
                lesson_id=math0, school_id=sid, subject_id=str(w.math_id), date=day, topic="Дроби"
            )
        ),
        journal.HomeworkAssigned(
            homework=homework_pb2.Homework(
                id=str(uuid.uuid4()), school_id=sid, subject_id=str(w.math_id), lesson_id=math0,
                assigned_on=day, text="№ 12, 14", teacher_id=str(w.teacher_id), on_time=False,
            )
        ),
        journal.FinalMarkSet(
            final_mark=marks_pb2.FinalMark(
                id=str(uuid.uuid4()), school_id=sid, student_id=str(w.students[7]),
                subject_id=str(w.math_id), kind=marks_pb2.FINAL_MARK_KIND_YEAR,
                academic_year_id=str(w.year_id), value="5",
            )
        ),
    ]  # fmt: skip


def table(body: dict[str, Any], title: str) -> list[list[Any]]:
    return next(t["rows"] for t in body["tables"] if t["title"] == title)


@pytest.mark.parametrize("as_lesson_saves", [False, True], ids=["per change", "per save"])
async def test_school_reports_by_hand_and_who_may_read_them(
    reporting: ServiceHandle, publisher: EventPublisher, login: Any, as_lesson_saves: bool
) -> None:
    w = HandComputedClass(as_lesson_saves=as_lesson_saves)
    other = HandComputedClass(school_id=w.school_id)
    count = await w.publish(publisher) + await other.publish(publisher)
    for payload in extra_events(w):
        await publisher.publish(payload, school_id=w.school_id, person_id=w.teacher_id)
        count += 1
    schools = [w.school_id]
    class_teacher, _ = await login(person_id=w.class_teacher_id, school_ids=schools)
    other_teacher, _ = await login(person_id=other.class_teacher_id, school_ids=schools)
    director, director_sub = await login(person_id=uuid.uuid4(), school_ids=schools)
    analyst, analyst_sub = await login(roles=["municipal_analyst"], school_ids=schools)
    region = grants_pb2.Scope(kind=grants_pb2.SCOPE_KIND_REGION)
    await publisher.publish(
        grant(director_sub, grants_pb2.ROLE_DIRECTOR, school=w.school_id), school_id=None
    )
    await publisher.publish(
        grant(analyst_sub, grants_pb2.ROLE_MUNICIPAL_ANALYST, scope=region), school_id=None
    )
    await wait_applied(reporting, count + 2)

    async def get(token: str, path: str, **params: Any) -> httpx.Response:
        headers = {"Authorization": f"Bearer {token}", "X-Tabel-School": str(w.school_id)}
        async with httpx.AsyncClient(base_url=reporting.http_url, headers=headers) as client:
            return await client.get(f"/v1/reporting/{path}", params=params)

    term = {"term_id": str(w.term_id)}
    cls, student0, student7 = f"classes/{w.class_id}", w.students[0], w.students[7]
    attendance = (await get(class_teacher, f"{cls}/attendance", **term)).json()
    by_student = table(attendance, "По обучающимся")
    assert by_student[0][1:] == ["Алексеева Анна Петровна", 1, 0, 0, 0, 1]
    assert by_student[1][2:] == [0, 2, 0, 0, 2] and by_student[2][2:] == [0, 0, 0, 1, 0]
    assert by_student[-1][1:] == ["Итого по классу", 1, 2, 0, 1, 3]
    assert table(attendance, "По предметам") == [
        ["Математика", 1, 1, 0, 1, 2],
        ["Русский язык", 0, 1, 0, 0, 1],
    ]

    card = (await get(class_teacher, f"students/{student7}/report-card", **term)).json()
    assert table(card, "Отметки") == [
        ["Математика", "3 4", 3.5, "5"],
        ["Русский язык", "2", 2.0, "2*"],
    ]
    year = (
        await get(director, f"students/{student7}/report-card", academic_year_id=str(w.year_id))
    ).json()
    assert table(year, "Итоговые отметки") == [["Математика", "5", "5"]]

    risk = (await get(class_teacher, f"{cls}/at-risk", **term)).json()
    assert [r[:2] for r in table(risk, "Обучающиеся группы риска")] == [
        ["Григорьев Глеб Олегович", "Математика (2)"],
        ["Дмитриева Дарья Сергеевна", "Математика (н/а)"],
        ["Зайцев Захар Ильич", "Русский язык (2)"],
    ]

    weekly = await get(class_teacher, f"students/{w.students[1]}/weekly", week_of="2025-09-10")
    marks = table(weekly.json(), "Отметки")
    assert marks == [["Математика", "5", "", "", "", "", ""]]
    assert table(weekly.json(), "Пропуски и опоздания") == [["пн 08.09", "Математика", "б"]]

    timely = (
        await get(director, "school/timeliness", since="2025-09-01", until="2025-12-31")
    ).json()
    rows = table(timely, "Своевременность заполнения журнала")
    # The topic and the final mark come without on_time (events of an older journal): they are
    # counted neither on time nor late; every lesson has attendance rows, so none is "never".
    smirnov = ["Смирнов Олег Ильич", "сентябрь 2025", 22, 0, 4, 0, 1, 1]
    assert [*smirnov, 0, 0, 0, 0, 0, 0, 0, 26 / 27] in rows

    now = datetime.now(UTC).date()  # activity is counted in the month the events were made
    active = (await get(director, "school/activity", month=now.isoformat())).json()
    # The teacher's events: 23 marks recorded, 1 changed, 1 deleted, 4 attendance entries,
    # the term and year final marks, the topic, the homework, and a person created (other).
    assert ["Смирнов Олег Ильич", "роль не назначена", 0, 23, 1, 1, 4, 2, 1, 1, 1, 34] in table(
        active, "Действия в журнале"
    )

    pdf = await get(director, f"{cls}/journal", format="pdf", **term)
    assert pdf.headers["content-type"] == "application/pdf"
    text = " ".join(
        " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.content)).pages).split()
    )
    assert "Классный журнал Класс 7А, 1-я четверть 2025/2026 уч. г. Уроков: 4" in text
    assert "1 01.09.2025 1 Дроби № 12, 14 Алексеева А. П. н" in text
    assert "Алексеева А. П. 5, Борисов Б. И. 4" in text
    assert "Математика (1-я четверть) Зайцев З. И. 5" in text
    card_pdf = await get(class_teacher, f"students/{student0}/report-card", format="pdf", **term)
    card_text = " ".join(PdfReader(io.BytesIO(card_pdf.content)).pages[0].extract_text().split())
    assert "Алексеева Анна Петровна, класс 7А" in card_text
    assert "Математика 5 5 4 4,67 5*" in card_text
    for fmt in ("csv", "xlsx"):
        assert (
            await get(class_teacher, f"{cls}/attendance", format=fmt, **term)
        ).status_code == 200

    refused = {
        "other class teacher, attendance": await get(other_teacher, f"{cls}/attendance", **term),
        "other class teacher, card": await get(
            other_teacher, f"students/{student0}/report-card", **term
        ),
        "other class teacher, weekly": await get(
            other_teacher, f"students/{student0}/weekly", week_of="2025-09-01"
        ),
        "analyst, journal": await get(analyst, f"{cls}/journal", **term),
        "analyst, at risk": await get(analyst, f"{cls}/at-risk", **term),
        "class teacher, timeliness": await get(
            class_teacher, "school/timeliness", since="2025-09-01", until="2025-12-31"
        ),
        "class teacher, activity": await get(class_teacher, "school/activity", month="2025-09-01"),
        "analyst, timeliness": await get(
            analyst, "school/timeliness", since="2025-09-01", until="2025-12-31"
        ),
    }
    assert {k: r.status_code for k, r in refused.items()} == dict.fromkeys(refused, 403)
    both = await get(class_teacher, f"{cls}/attendance", **term, academic_year_id=str(w.year_id))
    assert both.status_code == 422 and both.json()["code"] == "one_period"

"""Bulk import: a file with bad rows writes nothing and reports every one (row, column,
Russian message); the fixed file imports once even when run twice; XLSX reads like CSV."""

from __future__ import annotations

import io
from typing import Any

from openpyxl import Workbook
from sqlalchemy import text

HEADER = (
    "Тип;Код;Фамилия;Имя;Отчество;Класс;Должности;Представитель для;Кем приходится;"
    "Согласие дал;Дата рождения;Пол;Телефон;СНИЛС"
)
GOOD = [
    "сотрудник;T1;Белова;Анна;Сергеевна;5А;учитель, завуч;;;;;;;",
    "учащийся;S1;Петров;Иван;Олегович;5А;;;;Петрова Ольга Ивановна;12.03.2015;м;;112-233-445 95",
    "учащийся;S2;Сидорова;Мария;;5Б;;;;;;;;",
    "родитель;P1;Петрова;Ольга;Ивановна;;;S1;мать;Петрова Ольга Ивановна;;ж;+7 900 111-22-33;",
    "родитель;P2;Сидоров;Пётр;;;;S2;отец;;;;;",
]
BAD = [
    "учащийся;S3;Кузнецов;;;5А;;;;;;;;",  # row 7: no first name
    "учащийся;S4;Орлов;Олег;;15Я;;;;;;;;",  # row 8: no such class
    "учащийся;S5;Волков;Ян;;6А;;;;;31.02.2015;;;",  # row 9: no such date
    "родитель;P3;Волкова;Ирина;;;;S99;мать;;;;+7 900 000-00-00;",  # row 10: bad child, no consent
    "директор;X1;Зайцев;Иван;;;;;;;;;;",  # row 11: unknown kind
    "учащийся;S1;Петров;Иван;;5А;;;;;;;;",  # row 12: duplicate code
]


def csv_bytes(rows: list[str]) -> bytes:
    return ("\n".join([HEADER, *rows]) + "\n").encode("utf-8")


async def upload(client: Any, content: bytes, *, dry_run: bool, name: str = "roster.csv") -> Any:
    return await client.post(
        "/v1/imports", params={"dry_run": str(dry_run).lower()}, files={"file": (name, content)}
    )


async def count(roster: Any, school: Any, table: str) -> int:
    async with roster.runtime.db.transaction(school_id=school) as s:
        return int((await s.execute(text(f"SELECT count(*) FROM {table}"))).scalar_one())


async def test_bad_rows_write_nothing_and_are_all_reported(
    api: Any, roster: Any, make_school: Any
) -> None:
    school = await make_school(roster)
    admin = await api(["administrator"], school)
    dry = await upload(admin, csv_bytes(GOOD + BAD), dry_run=True)
    assert dry.status_code == 200
    report = dry.json()
    assert report["valid"] is False
    cells = {(e["row"], e["column"]) for e in report["errors"]}
    assert cells >= {
        (7, "Имя"),
        (8, "Класс"),
        (9, "Дата рождения"),
        (10, "Представитель для"),
        (10, "Телефон"),
        (11, "Тип"),
        (12, "Код"),
    }
    assert all(any("а" <= ch <= "я" for ch in e["message"].lower()) for e in report["errors"]), (
        "messages are Russian"
    )
    real = await upload(admin, csv_bytes(GOOD + BAD), dry_run=False)
    assert real.status_code == 422 and real.json()["code"] == "import_invalid"
    assert len(real.json()["errors"]) == len(report["errors"])
    assert await count(roster, school, "persons") == 0
    assert await count(roster, school, "classes") == 0
    assert await count(roster, school, "outbox") == 1, "only the school's own SchoolCreated"


async def test_fixed_file_imports_once_even_twice(api: Any, roster: Any, make_school: Any) -> None:
    school = await make_school(roster)
    admin = await api(["administrator"], school)
    dry = (await upload(admin, csv_bytes(GOOD), dry_run=True)).json()
    assert dry["valid"] and dry["created"] == 5
    assert await count(roster, school, "persons") == 0, "a dry run writes nothing"
    first = await upload(admin, csv_bytes(GOOD), dry_run=False)
    assert first.status_code == 200, first.text
    body = first.json()
    assert (body["created"], body["enrolled"], body["guardianships_added"]) == (5, 2, 2)
    assert sorted(body["classes_created"]) == ["5А", "5Б"]
    second = (await upload(admin, csv_bytes(GOOD), dry_run=False)).json()
    assert (
        second["created"],
        second["updated"],
        second["unchanged"],
        second["enrolled"],
        second["guardianships_added"],
    ) == (0, 0, 5, 0, 0)
    assert await count(roster, school, "persons") == 5
    assert await count(roster, school, "memberships") == 2
    classes = (await admin.get("/v1/classes")).json()
    five_a = next(c for c in classes if c["name"] == "5А")
    teacher = next(p for p in (await admin.get("/v1/people", params={"kind": "staff"})).json())
    assert five_a["class_teacher_id"] == teacher["id"] and teacher["positions"] == [
        "deputy_director",
        "teacher",
    ]


async def test_xlsx_is_read_and_a_teacher_may_not_import(
    api: Any, roster: Any, make_school: Any
) -> None:
    school = await make_school(roster)
    book = Workbook()
    sheet = book.active
    sheet.append(HEADER.split(";"))
    for line in GOOD:
        sheet.append(line.split(";"))
    buffer = io.BytesIO()
    book.save(buffer)
    content = buffer.getvalue()
    assert (
        await upload((await api(["teacher"], school)), content, dry_run=True, name="r.xlsx")
    ).status_code == 403
    done = await upload(
        (await api(["administrator"], school)), content, dry_run=False, name="r.xlsx"
    )
    assert done.status_code == 200 and done.json()["created"] == 5
    junk = await upload((await api(["administrator"], school)), b"PK\x03\x04garbage", dry_run=True)
    assert junk.status_code == 422 and junk.json()["code"] == "import_unreadable"


async def test_progress_is_streamed_for_long_files(api: Any, roster: Any, make_school: Any) -> None:
    import json

    school = await make_school(roster)
    admin = await api(["administrator"], school)
    answer = await admin.post(
        "/v1/imports",
        params={"dry_run": "false", "progress": "true"},
        files={"file": ("r.csv", csv_bytes(GOOD))},
    )
    assert answer.status_code == 200 and answer.headers["content-type"].startswith(
        "application/x-ndjson"
    )
    lines = [json.loads(line) for line in answer.text.splitlines()]
    assert [line.get("phase") for line in lines[:-1]] == [
        "checked",
        "people",
        "classes",
        "guardians",
    ]
    assert lines[-1]["report"]["created"] == 5
    bad = await admin.post(
        "/v1/imports",
        params={"dry_run": "false", "progress": "true"},
        files={"file": ("r.csv", csv_bytes(BAD))},
    )
    last = json.loads(bad.text.splitlines()[-1])
    assert last["error"]["code"] == "import_invalid" and len(last["error"]["errors"]) >= 6


async def test_a_guardians_child_must_be_a_student(api: Any, roster: Any, make_school: Any) -> None:
    school = await make_school(roster)
    admin = await api(["administrator"], school)
    to_staff = "родитель;P9;Белов;Игорь;;;;T1;отец;;;;;"  # T1 is a member of staff
    dry = await upload(admin, csv_bytes([GOOD[0], to_staff]), dry_run=True)
    errors = dry.json()["errors"]
    assert [(e["row"], e["column"]) for e in errors] == [(3, "Представитель для")]
    assert "не учащемуся" in errors[0]["message"] and "T1" in errors[0]["message"]
    # Staff imported earlier is no child of a later file's guardian either; a student is.
    assert (await upload(admin, csv_bytes(GOOD), dry_run=False)).status_code == 200
    later = await upload(admin, csv_bytes([to_staff]), dry_run=False)
    assert later.status_code == 422 and "не учащемуся" in later.json()["errors"][0]["message"]
    to_student = "родитель;P9;Белов;Игорь;;;;S2;отец;;;;;"
    assert (await upload(admin, csv_bytes([to_student]), dry_run=False)).status_code == 200
    assert await count(roster, school, "guardianships") == 3

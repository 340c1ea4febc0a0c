"""A paper journal's file that is no journal (bad CSV, encoding, binary, sizes) is a 422 naming
the problem and its row; nothing is written."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import date
from typing import Any

import pytest

from .client import As
from .test_lesson_entries import outbox
from .world import World, build_school

TODAY = date.today()
URL = "/v1/journal/imports/paper-journal"
HEAD = "lesson_id;student_id;kind;value;work_type;late_minutes;reason\n"


@pytest.fixture
async def school(journal: Any, issuer: Any) -> tuple[World, As, uuid.UUID]:
    w = await build_school(journal, TODAY)
    return w, As(journal, issuer, w), await w.lesson("5А", w.math, "math_5a", TODAY)


def good(w: World, lesson: uuid.UUID) -> str:
    return f"{lesson};{w.person('s1')};отметка;5;oral;;\n"


# Each file: how it is made from a good row, and the (row, column, code) of its problem.
FILES: dict[str, tuple[Callable[[str], bytes], tuple[int, str, str]]] = {
    "one column": (
        lambda row: f"lesson_id\n{row.split(';')[0]}\n".encode(),
        (1, "student_id,kind,value", "missing_columns"),
    ),
    "a quote never closed": (
        lambda row: (HEAD + row + 'x;"' + "длинная ячейка\n" * 12_000).encode(),
        (3, "", "invalid_format"),
    ),
    "not UTF-8": (lambda row: (HEAD + row).encode("cp1251"), (2, "", "not_utf8")),
    "cp1251 in the third row": (
        lambda row: HEAD.encode() + row.encode() + "причина".encode("cp1251"),
        (3, "", "not_utf8"),
    ),
    "empty": (lambda row: b"", (1, "", "empty")),
    "blank lines": (lambda row: b"\r\n\r\n", (1, "", "empty")),
    "header only": (lambda row: HEAD.encode(), (1, "", "empty")),
    "a huge line": (
        lambda row: (HEAD + row + "x" * 200_000 + "\n").encode(),
        (3, "", "line_too_long"),
    ),
    "binary": (lambda row: (HEAD + row).encode() + b"\x00\x01\x02", (3, "", "not_text")),
    "more cells than columns": (
        lambda row: (HEAD + row.rstrip("\n") + ";лишнее;ещё\n").encode(),
        (2, "", "extra_cells"),
    ),
    "a reason of a page": (
        lambda row: (HEAD + row.rstrip("\n") + "ы" * 600 + "\n").encode(),
        (2, "reason", "too_long"),
    ),
    "late minutes in superscript": (
        lambda row: (HEAD + row.replace("отметка;5;oral;;", "посещаемость;оп;;²;")).encode(),
        (2, "late_minutes", "invalid_minutes"),
    ),
    "a mark in superscript": (
        lambda row: (HEAD + row.replace(";5;", ";⁵;")).encode(),
        (2, "value", "value_out_of_scale"),
    ),
}


@pytest.mark.parametrize("name", list(FILES))
async def test_a_file_that_is_no_journal_is_a_422_naming_the_problem(
    school: tuple[World, As, uuid.UUID], journal: Any, name: str
) -> None:
    w, call, lesson = school
    make, (row, column, code) = FILES[name]
    r = await call("math_5a", "POST", URL, content=make(good(w, lesson)), content_type="text/csv")
    assert r.status_code == 422, (name, r.text)
    assert r.json()["code"] == "import_invalid"
    first = r.json()["errors"][0]
    assert (first["row"], first["column"], first["code"]) == (row, column, code)
    assert any("а" <= ch <= "я" for ch in first["message"].lower()), first["message"]
    assert "{" not in first["message"] and not first["message"].startswith("journal.")
    page = (await call("math_5a", "GET", f"/v1/journal/lessons/{lesson}/journal")).json()
    assert page["marks"] == [] and page["attendance"] == []
    assert await outbox(journal, w.school) == []


async def test_a_one_column_file_names_the_missing_columns(
    school: tuple[World, As, uuid.UUID],
) -> None:
    _, call, lesson = school
    r = await call(
        "math_5a", "POST", URL, content=f"lesson_id\n{lesson}\n".encode(), content_type="text/csv"
    )
    assert r.status_code == 422
    assert r.json()["errors"][0]["column"] == "student_id,kind,value"
    assert "student_id, kind, value" in r.json()["errors"][0]["message"]


async def test_the_file_is_refused_to_a_teacher_of_another_class(
    school: tuple[World, As, uuid.UUID],
) -> None:
    w, call, lesson = school
    data = (HEAD + good(w, lesson)).encode()
    for who in ("math_5b", "s1", "parent1"):
        r = await call(who, "POST", URL, content=data, content_type="text/csv")
        assert r.status_code in (403, 422), (who, r.text)
        if r.status_code == 422:
            assert {e["code"] for e in r.json()["errors"]} == {"lesson_forbidden"}
    assert (await call("math_5a", "POST", URL, content=data)).status_code == 200

"""A 422 tells a person what is wrong with each field, in Russian unless they ask otherwise."""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum
from typing import Any, Literal
from uuid import UUID, uuid4

import httpx
import pytest
from fastapi import APIRouter, Query
from pydantic import BaseModel, ConfigDict, Field, field_validator
from pydantic_core import PydanticCustomError

from tabel_platform.http.app import create_http_app

router = APIRouter()


class Status(StrEnum):
    present = "present"
    absent = "absent"


class Group(BaseModel):
    path: str = Field(min_length=1)


class LessonIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    topic: str = Field(min_length=2, max_length=5)
    code: str = Field(default="ab", pattern=r"^[a-z]+$")
    mark: int = Field(default=3, ge=1, le=5)
    weight: float = Field(default=1.0, gt=0, lt=10)
    tags: list[str] = Field(default_factory=lambda: ["x"], min_length=1, max_length=2)
    done: bool = False
    student: UUID = Field(default_factory=uuid4)
    day: date = date(2024, 9, 1)
    at: datetime = datetime(2024, 9, 1, 8, 30)
    status: Status = Status.present
    kind: Literal["lesson", "test"] = "lesson"
    answer: Literal["yes", "yes or no", 3] = "yes"
    meta: dict[str, str] = Field(default_factory=dict)
    group: Group = Field(default_factory=lambda: Group(path="5А"))
    room: str = "101"

    @field_validator("topic")
    @classmethod
    def _no_leading_digit(cls, value: str) -> str:
        if value[:1].isdigit():
            raise ValueError("тема не должна начинаться с цифры")
        return value

    @field_validator("room")
    @classmethod
    def _room(cls, value: str) -> str:
        if not value.isdigit():
            raise PydanticCustomError("room_number", "room is a number")
        return value


@router.post("/lessons")
async def create_lesson(body: LessonIn) -> dict[str, str]:
    return {"topic": body.topic}


@router.get("/lessons")
async def list_lessons(limit: int = Query(default=10, ge=1)) -> dict[str, int]:
    return {"limit": limit}


@pytest.fixture
def client() -> httpx.AsyncClient:
    app = create_http_app(title="t", description="t", routers=[router])
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://t")


CASES: list[tuple[dict[str, Any], str, str, str]] = [
    ({"topic": "abcdef"}, "topic", "string_too_long", "Не длиннее 5 символов."),
    ({"topic": "a"}, "topic", "string_too_short", "Не короче 2 символов."),
    ({"topic": "1abc"}, "topic", "value_error", "тема не должна начинаться с цифры"),
    ({"topic": 5}, "topic", "string_type", "Нужна строка."),
    (
        {"code": "AB"},
        "code",
        "string_pattern_mismatch",
        "Значение не соответствует формату ^[a-z]+$.",
    ),
    ({"mark": 0}, "mark", "greater_than_equal", "Значение должно быть не меньше 1."),
    ({"mark": 6}, "mark", "less_than_equal", "Значение должно быть не больше 5."),
    ({"mark": "пять"}, "mark", "int_parsing", "Нужно целое число."),
    ({"mark": [1]}, "mark", "int_type", "Нужно целое число."),
    ({"mark": 2.5}, "mark", "int_from_float", "Нужно целое число, без дробной части."),
    ({"weight": 0}, "weight", "greater_than", "Значение должно быть больше 0."),
    ({"weight": 10}, "weight", "less_than", "Значение должно быть меньше 10."),
    ({"weight": "тяжело"}, "weight", "float_parsing", "Нужно число."),
    ({"weight": []}, "weight", "float_type", "Нужно число."),
    ({"tags": []}, "tags", "too_short", "Нужен хотя бы 1 элемент."),
    ({"tags": ["a", "b", "c"]}, "tags", "too_long", "Не больше 2 элементов."),
    ({"tags": "a"}, "tags", "list_type", "Нужен список."),
    ({"done": "может быть"}, "done", "bool_parsing", "Нужно логическое значение: true или false."),
    ({"student": "nope"}, "student", "uuid_parsing", "Нужен идентификатор UUID"),
    ({"student": 5}, "student", "uuid_type", "Нужен идентификатор UUID"),
    ({"day": "01.09.2024"}, "day", "date_from_datetime_parsing", "Нужна дата в формате ГГГГ-ММ-ДД"),
    ({"day": []}, "day", "date_type", "Нужна дата в формате ГГГГ-ММ-ДД"),
    ({"day": "2024-09-01T08:30:00"}, "day", "date_from_datetime_inexact", "Нужна дата без времени"),
    ({"at": "вчера"}, "at", "datetime_from_date_parsing", "Нужны дата и время в формате ISO 8601"),
    ({"at": []}, "at", "datetime_type", "Нужны дата и время в формате ISO 8601"),
    ({"status": "late"}, "status", "enum", "Допустимые значения: 'present', 'absent'."),
    ({"kind": "exam"}, "kind", "literal_error", "Допустимые значения: 'lesson', 'test'."),
    ({"answer": "no"}, "answer", "literal_error", "Допустимые значения: 'yes', 'yes or no', 3."),
    ({"meta": []}, "meta", "dict_type", "Нужен объект."),
    ({"group": 1}, "group", "model_attributes_type", "Нужен объект."),
    ({"group": {"path": ""}}, "group.path", "string_too_short", "Не короче 1 символа."),
    ({"lesson_id": 1}, "lesson_id", "extra_forbidden", "Такого поля нет: уберите его."),
    ({"room": "сто"}, "room", "room_number", "Недопустимое значение."),
]


@pytest.mark.parametrize(("change", "field", "code", "message"), CASES)
async def test_each_kind_of_bad_value_gets_its_own_message(
    client: httpx.AsyncClient, change: dict[str, Any], field: str, code: str, message: str
) -> None:
    r = await client.post("/lessons", json={"topic": "abc", **change})
    assert r.status_code == 422
    body = r.json()
    assert body["detail"] == "Проверьте введённые данные: 1 ошибка."
    [error] = body["errors"]
    assert set(error) == {"field", "code", "message", "detail"}
    assert (error["field"], error["code"]) == (field, code)
    assert error["message"].startswith(message)
    assert error["detail"]  # pydantic's own text stays for developers


async def test_a_missing_field_is_required(client: httpx.AsyncClient) -> None:
    [error] = (await client.post("/lessons", json={})).json()["errors"]
    assert (error["field"], error["code"], error["message"]) == (
        "topic",
        "missing",
        "Обязательное поле.",
    )


async def test_a_query_parameter_is_named_without_its_source(client: httpx.AsyncClient) -> None:
    [error] = (await client.get("/lessons", params={"limit": 0})).json()["errors"]
    assert (error["field"], error["message"]) == ("limit", "Значение должно быть не меньше 1.")


async def test_a_body_that_is_not_json_says_where_it_breaks(client: httpx.AsyncClient) -> None:
    r = await client.post(
        "/lessons", content=b'{"topic": }', headers={"content-type": "application/json"}
    )
    assert r.status_code == 422
    [error] = r.json()["errors"]
    assert (error["field"], error["code"]) == ("", "json_invalid")
    assert error["message"] == "Тело запроса — некорректный JSON: ошибка в символе 11."


@pytest.mark.parametrize(
    ("change", "detail"),
    [
        ({"mark": 0, "weight": 0}, "Проверьте введённые данные: 2 ошибки."),
        (
            {"mark": 0, "weight": 0, "tags": [], "done": "x", "kind": "exam"},
            "Проверьте введённые данные: 5 ошибок.",
        ),
    ],
)
async def test_the_summary_counts_errors_in_russian(
    client: httpx.AsyncClient, change: dict[str, Any], detail: str
) -> None:
    r = await client.post("/lessons", json={"topic": "abc", **change})
    assert r.json()["detail"] == detail


async def test_english_when_asked(client: httpx.AsyncClient) -> None:
    r = await client.post(
        "/lessons", json={"topic": "abcdef", "mark": 9}, headers={"accept-language": "en"}
    )
    body = r.json()
    assert body["detail"] == "Check the data you entered: 2 errors."
    assert {e["field"]: e["message"] for e in body["errors"]} == {
        "topic": "At most 5 characters.",
        "mark": "Must be at most 5.",
    }
    one = await client.post("/lessons", json={"topic": "a"}, headers={"accept-language": "en"})
    assert one.json()["detail"] == "Check the data you entered: 1 error."
